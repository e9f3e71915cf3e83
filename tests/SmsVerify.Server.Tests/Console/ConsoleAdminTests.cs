using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Console;

/// <summary>The Tenants and Operators pages over HTTP: admins only, top-up input checked, suspension felt by the API, an admin kept from locking themself out.</summary>
public sealed class ConsoleAdminTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));

    [Theory]
    [InlineData("auditor")]
    [InlineData("risk")]
    public async Task TenantsAndOperators_AreRefusedToOtherRoles(string role)
    {
        var tenant = await app.CreateTenantAsync();
        var client = await app.SignedInAsync(role);

        foreach (var path in new[] { "/console/tenants", $"/console/tenants/{tenant.Id}", "/console/operators" })
        {
            var answer = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            Assert.Contains("/console/denied", answer.Headers.Location!.ToString());
        }
        var token = await client.AntiforgeryAsync("/console");
        var suspend = await client.PostAsync($"/console/tenants/{tenant.Id}?handler=Suspend", Form(token));
        Assert.Contains("/console/denied", suspend.Headers.Location!.ToString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null,
            (await (await app.Operator().GetAsync($"/v1/tenants/{tenant.Id}")).OkAsync()).GetProperty("suspendedAt").ValueKind);
    }

    [Fact]
    public async Task Admin_SearchesTenantsByName()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var tenant = await app.CreateTenantAsync(name: $"Findable {tag}");
        var admin = await app.SignedInAsync("admin");

        var html = await (await admin.GetAsync($"/console/tenants?name={tag}")).Content.ReadAsStringAsync();

        Assert.Contains($"/console/tenants/{tenant.Id}", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "data-tenant="));
    }

    [Theory]
    [InlineData("ten")]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("1000000.01")]
    [InlineData("1.00001")]
    [InlineData("10,00")]
    public async Task TopUp_WithABadAmount_SaysSo_AndChangesNothing(string amount)
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.SignedInAsync("admin");
        var path = $"/console/tenants/{tenant.Id}";

        var answer = await admin.PostAsync($"{path}?handler=TopUp", Form(await admin.AntiforgeryAsync(path), ("amount", amount)));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("role=\"alert\"", await answer.Content.ReadAsStringAsync());
        Assert.Equal(0m, (await (await app.Operator().GetAsync($"/v1/tenants/{tenant.Id}")).OkAsync()).GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task TopUpAndSuspend_FromThePage_AreAuditedUnderThePersonsName()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.RegisterNumberAsync("+8613800000077");
        var admin = await app.SignedInAsync("admin");
        var path = $"/console/tenants/{tenant.Id}";

        var topped = await admin.PostAsync($"{path}?handler=TopUp", Form(await admin.AntiforgeryAsync(path), ("amount", "12.5"), ("note", "bank transfer 42")));
        var suspended = await admin.PostAsync($"{path}?handler=Suspend", Form(await admin.AntiforgeryAsync(path)));

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (topped.StatusCode, suspended.StatusCode));
        Assert.Equal(12.5m, (await (await tenant.Http.GetAsync("/v1/balance")).OkAsync()).GetProperty("balance").GetDecimal());
        await (await tenant.StartAsync("+8613800000077")).ProblemAsync(HttpStatusCode.Forbidden, "tenant_suspended");
        var trail = await (await app.Operator().GetAsync($"/v1/audit?target=tenant:{tenant.Id}")).OkAsync();
        var records = trail.EnumerateArray().Skip(1).Select(r => (r.Str("action"), r.Str("actor").StartsWith("operator:admin-", StringComparison.Ordinal))).ToList();
        Assert.Equal([("tenant.balance_topped_up", true), ("tenant.suspended", true)], records);

        var resumed = await admin.PostAsync($"{path}?handler=Resume", Form(await admin.AntiforgeryAsync(path)));
        Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        await tenant.StartOkAsync("+8613800000077");
    }

    [Fact]
    public async Task Admin_MayNotDemoteOrDisableThemself()
    {
        var me = await app.CreatePersonAsync("admin");
        var admin = app.ConsoleClient();
        await admin.SignInAsync(me, me.CodeAt(app.Clock.GetUtcNow()));
        var token = await admin.AntiforgeryAsync("/console/operators");

        var demoted = await admin.PostAsync($"/console/operators?handler=Role&id={me.Id}", Form(token, ("role", "auditor")));
        var disabled = await admin.PostAsync($"/console/operators?handler=Disable&id={me.Id}", Form(token));

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (demoted.StatusCode, disabled.StatusCode));
        Assert.Contains("你不能停用自己的账号或更改自己的角色", await demoted.Content.ReadAsStringAsync());
        var listed = (await (await app.Operator().GetAsync("/v1/operators/accounts")).OkAsync()).EnumerateArray().Single(a => a.Str("id") == me.Id);
        Assert.Equal(("admin", System.Text.Json.JsonValueKind.Null), (listed.Str("role"), listed.GetProperty("disabledAt").ValueKind));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/console/operators")).StatusCode);
    }

    [Fact]
    public async Task Admin_DisablesAnAuditor_WhoseSessionEndsAtOnce_AndChangesARole()
    {
        var auditor = await app.CreatePersonAsync("auditor");
        var auditorClient = app.ConsoleClient();
        await auditorClient.SignInAsync(auditor, auditor.CodeAt(app.Clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, (await auditorClient.GetAsync("/console/review")).StatusCode);
        var admin = await app.SignedInAsync("admin");
        var token = await admin.AntiforgeryAsync("/console/operators");

        var disabled = await admin.PostAsync($"/console/operators?handler=Disable&id={auditor.Id}", Form(token));

        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Contains("/console/sign-in", (await auditorClient.GetAsync("/console/review")).Headers.Location!.ToString());
        await admin.PostAsync($"/console/operators?handler=Enable&id={auditor.Id}", Form(token));
        var changed = await admin.PostAsync($"/console/operators?handler=Role&id={auditor.Id}", Form(token, ("role", "risk")));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var listed = (await (await app.Operator().GetAsync("/v1/operators/accounts")).OkAsync()).EnumerateArray().Single(a => a.Str("id") == auditor.Id);
        Assert.Equal(("risk", System.Text.Json.JsonValueKind.Null), (listed.Str("role"), listed.GetProperty("disabledAt").ValueKind));
        var trail = await (await app.Operator().GetAsync($"/v1/audit?target=operator:{auditor.Id}")).OkAsync();
        Assert.Equal(["operator.created", "operator.signed_in", "operator.disabled", "operator.enabled", "operator.role_changed"], trail.EnumerateArray().Select(r => r.Str("action")));
    }
}
