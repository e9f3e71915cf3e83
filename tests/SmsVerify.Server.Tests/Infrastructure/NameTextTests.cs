using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Infrastructure;

/// <summary>Names people give are one line of printable text: NUL, line breaks and text-direction overrides are refused.</summary>
public sealed class NameTextTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    public static TheoryData<string> Unprintable => new() { "Acme\0", "Acme\nCorp", "Acme\r", "Acme\tCorp", "\u202Egpj.exe", "Acme\u2066", "Acme\u2028Corp" };

    [Theory]
    [MemberData(nameof(Unprintable))]
    public async Task ATenantName_WithAControlOrDirectionCharacter_IsRefused(string name)
    {
        var problem = await (await app.Operator().PostJsonAsync("/v1/tenants", new { name, kind = "enterprise" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal("name", problem.Str("field"));
    }

    [Theory]
    [MemberData(nameof(Unprintable))]
    public async Task ATemplateOrSignatureName_WithAControlOrDirectionCharacter_IsRefused_AndNothingIsStored(string name)
    {
        var tenant = await app.CreateTenantAsync();
        var template = await (await tenant.Http.PostJsonAsync("/v1/templates", new { name, type = "verification", content = Senders.VerificationContent, scenario = "用户登录" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal("name", template.Str("field"));
        var signature = await (await tenant.Http.PostAsync("/v1/signatures", Submissions.Form(new() { ["name"] = name, ["source"] = "company" })))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal("name", signature.Str("field"));
        Assert.Equal(0, (await (await tenant.Http.GetAsync("/v1/templates")).OkAsync()).GetArrayLength());
    }

    [Fact]
    public async Task AName_InAnyScriptWithPunctuation_IsAccepted()
    {
        var created = await (await app.Operator().PostJsonAsync("/v1/tenants", new { name = "北京某某科技（测试）· Acme & Co.", kind = "enterprise" }))
            .OkAsync(HttpStatusCode.Created);
        Assert.Equal("北京某某科技（测试）· Acme & Co.", created.Str("name"));
    }
}
