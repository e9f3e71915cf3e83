using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Console;

/// <summary>The last enabled admin cannot be disabled or demoted, whoever asks. Its own server: no other test's admins count.</summary>
public sealed class OperatorAccountRulesTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Fact]
    public async Task TheLastEnabledAdmin_IsKept_UntilAnotherAdminExists()
    {
        var only = await app.CreatePersonAsync("admin");
        var api = app.Operator();

        var problem = await (await api.PostAsync($"/v1/operators/accounts/{only.Id}/disable", null)).ProblemAsync(HttpStatusCode.Conflict, "operator_last_admin");
        await (await api.PutJsonAsync($"/v1/operators/accounts/{only.Id}/role", new { role = "auditor" })).ProblemAsync(HttpStatusCode.Conflict, "operator_last_admin");
        Assert.Contains(only.UserName, problem.Str("detail"));

        var second = await app.CreatePersonAsync("admin");
        await (await api.PostAsync($"/v1/operators/accounts/{only.Id}/disable", null)).OkAsync();
        await (await api.PutJsonAsync($"/v1/operators/accounts/{second.Id}/role", new { role = "risk" })).ProblemAsync(HttpStatusCode.Conflict, "operator_last_admin");
        await (await api.PostAsync($"/v1/operators/accounts/{only.Id}/enable", null)).OkAsync();
        var demoted = await (await api.PutJsonAsync($"/v1/operators/accounts/{second.Id}/role", new { role = "risk" })).OkAsync();
        Assert.Equal("risk", demoted.Str("role"));
        await (await api.PutJsonAsync($"/v1/operators/accounts/{second.Id}/role", new { role = "boss" })).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
    }
}
