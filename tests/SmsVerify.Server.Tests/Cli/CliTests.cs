using System.Text.Json;
using SmsVerify.Cli;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Cli;

/// <summary><c>smsverify</c> run for real against the in-process server: what it prints and what it exits with.</summary>
public sealed class CliTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>, IDisposable
{
    private const string Phone = "+8613812345678";

    private readonly CliRunner _cli = new(app);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Profile_SavedAndUsed_CommandsCarryItsServerAndKey()
    {
        Assert.Equal(ExitCodes.Ok, (await _cli.RunAsync("profile", "add", "ops", "--server", _cli.Server, "--key", SmsVerifyApp.OperatorKey)).ExitCode);
        Assert.Equal(ExitCodes.Ok, (await _cli.RunAsync("profile", "add", "stale", "--server", _cli.Server, "--key", "svo_revoked")).ExitCode);

        var profiles = (await _cli.RunAsync("profile", "list", "--json")).Json.EnumerateArray().ToList();
        Assert.Equal(["ops", "stale"], profiles.Select(p => p.Str("name")));
        Assert.True(profiles[0].GetProperty("current").GetBoolean());
        Assert.Contains(SmsVerifyApp.OperatorKey, await File.ReadAllTextAsync(_cli.ConfigPath));
        Assert.DoesNotContain(SmsVerifyApp.OperatorKey, (await _cli.RunAsync("profile", "list")).Out);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_cli.ConfigPath));
        }

        Assert.Equal(ExitCodes.Ok, (await _cli.RunAsync("tenants", "list")).ExitCode);
        Assert.Equal(ExitCodes.Unreachable, (await _cli.RunAsync("tenants", "list", "--profile", "stale")).ExitCode);
        Assert.Equal(ExitCodes.Ok, (await _cli.RunAsync("profile", "use", "stale")).ExitCode);
        var refused = await _cli.RunAsync("tenants", "list");
        Assert.Equal(ExitCodes.Unreachable, refused.ExitCode);
        Assert.StartsWith("error: ", refused.Error);
        _cli.Environment["SMSVERIFY_KEY"] = SmsVerifyApp.OperatorKey;
        Assert.Equal(ExitCodes.Ok, (await _cli.RunAsync("tenants", "list")).ExitCode);
    }

    [Fact]
    public async Task Tenants_Created_ListedAsTableAndJson()
    {
        var created = await _cli.AsOperatorAsync("tenants", "create", "--name", "Cli Acme [test]", "--kind", "personal", "--json");
        Assert.Equal(ExitCodes.Ok, created.ExitCode);
        var id = created.Json.Str("id");
        Assert.StartsWith("sv", created.Json.Str("apiKey"));

        var table = await _cli.AsOperatorAsync("tenants", "list", "--name", "Cli Acme");
        Assert.Equal(ExitCodes.Ok, table.ExitCode);
        Assert.Contains("Cli Acme [test]", table.Out);
        Assert.Contains(id, table.Out);
        var json = await _cli.AsOperatorAsync("tenants", "list", "--name", "Cli Acme", "--json");
        var tenant = Assert.Single(json.Json.EnumerateArray());
        Assert.Equal((id, "personal", "sandbox"), (tenant.Str("id"), tenant.Str("kind"), tenant.Str("mode")));

        var suspended = await _cli.AsOperatorAsync("tenants", "suspend", id, "--json");
        Assert.NotEqual(JsonValueKind.Null, suspended.Json.GetProperty("suspendedAt").ValueKind);
        Assert.Contains("Suspended:", (await _cli.AsOperatorAsync("tenants", "resume", id)).Out);
    }

    [Fact]
    public async Task Problem_FromTheServer_PrintsItsCodeAndExitsOne()
    {
        var missing = await _cli.AsOperatorAsync("tenants", "show", Guid.NewGuid().ToString());

        Assert.Equal(ExitCodes.Problem, missing.ExitCode);
        Assert.StartsWith("error: tenant_not_found: No tenant has id", missing.Error);
    }

    [Fact]
    public async Task Key_RefusedOrServerUnreachable_ExitsThree()
    {
        var refused = await _cli.WithKeyAsync("svo_not-a-key", "tenants", "list");
        Assert.Equal(ExitCodes.Unreachable, refused.ExitCode);
        Assert.Contains("error:", refused.Error);

        var tenant = await app.CreateTenantAsync();
        Assert.Equal(ExitCodes.Unreachable, (await _cli.WithKeyAsync(tenant.ApiKey, "tenants", "list")).ExitCode);
    }

    [Fact]
    public async Task Usage_MissingOptionOrNoServer_ExitsTwo()
    {
        var noReason = await _cli.AsOperatorAsync("review", "reject", Guid.NewGuid().ToString());
        Assert.Equal(ExitCodes.Usage, noReason.ExitCode);
        Assert.Contains("--reason", noReason.Error);
        Assert.Equal(ExitCodes.Usage, (await _cli.RunAsync("tenants", "list")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await _cli.AsOperatorAsync("send", "--to", Phone, "--signature", "x", "--template", "SMS_1", "--param", "novalue")).ExitCode);
    }

    [Fact]
    public async Task Review_Submissions_ApprovedAndRejected()
    {
        var auditor = (await _cli.AsOperatorAsync("keys", "create", "--role", "auditor", "--json")).Json.Str("apiKey");
        var approveId = await (await app.CreateTenantAsync()).SubmitQualificationAsync(Submissions.Enterprise());
        var rejectId = await (await app.CreateTenantAsync()).SubmitQualificationAsync(Submissions.Enterprise());

        var queue = await _cli.WithKeyAsync(auditor, "review", "list", "--kind", "qualification");
        Assert.Equal(ExitCodes.Ok, queue.ExitCode);
        Assert.Contains(approveId, queue.Out);
        Assert.Contains(rejectId, queue.Out);
        Assert.Contains(Submissions.Company, (await _cli.WithKeyAsync(auditor, "review", "show", approveId)).Out);

        var approved = await _cli.WithKeyAsync(auditor, "review", "approve", approveId, "--note", "Licence checked.", "--json");
        Assert.Equal((ExitCodes.Ok, "approved"), (approved.ExitCode, approved.Json.Str("status")));
        var rejected = await _cli.WithKeyAsync(auditor, "review", "reject", rejectId, "--reason", "The licence photo is unreadable.");
        Assert.Equal(ExitCodes.Ok, rejected.ExitCode);
        Assert.Contains("rejected (The licence photo is unreadable.)", rejected.Out);

        var again = await _cli.WithKeyAsync(auditor, "review", "approve", rejectId);
        Assert.Equal(ExitCodes.Problem, again.ExitCode);
        Assert.StartsWith("error: review_item_not_pending:", again.Error);
    }

    [Fact]
    public async Task TemplatePrecheck_LinkInAVerificationTemplate_ShowsRuleAndSpanAndExitsFour()
    {
        var tenant = await app.CreateTenantAsync();
        var file = _cli.File("login.txt");
        const string Link = "https://example.com/a";
        await File.WriteAllTextAsync(file, $"您的验证码为${{code}}，5分钟内有效，详情见{Link}\n");

        var result = await _cli.WithKeyAsync(tenant.ApiKey, "templates", "precheck", "--file", file, "--scenario", "用户登录时验证手机号");

        Assert.Equal(ExitCodes.CheckFailed, result.ExitCode);
        Assert.Contains("link_not_allowed", result.Out);
        Assert.Contains(Link, result.Out);
        var json = await _cli.WithKeyAsync(tenant.ApiKey, "templates", "precheck", "--file", file, "--scenario", "用户登录时验证手机号", "--json");
        Assert.Equal(ExitCodes.CheckFailed, json.ExitCode);
        var finding = json.Json.GetProperty("findings").EnumerateArray().Single(f => f.Str("code") == "link_not_allowed");
        Assert.Equal("error", finding.Str("severity"));
        Assert.True(finding.GetProperty("span").GetProperty("length").GetInt32() >= Link.Length);

        await File.WriteAllTextAsync(file, "您的验证码为${code}，5分钟内有效，请勿泄露。");
        Assert.Equal(ExitCodes.Ok, (await _cli.WithKeyAsync(tenant.ApiKey, "templates", "precheck", "--file", file, "--scenario", "用户登录时验证手机号")).ExitCode);
    }

    [Fact]
    public async Task Verification_CodeReadFromTheSandboxInbox_ChecksApproved()
    {
        var key = (await app.CreateTenantAsync()).ApiKey;
        Assert.Equal(ExitCodes.Ok, (await _cli.WithKeyAsync(key, "sandbox", "register", Phone)).ExitCode);

        var started = await _cli.WithKeyAsync(key, "verify", "start", "--to", Phone, "--json");
        Assert.Equal((ExitCodes.Ok, "pending"), (started.ExitCode, started.Json.Str("status")));
        var inbox = await _cli.WithKeyAsync(key, "sandbox", "inbox", Phone, "--json");
        var code = Assert.Single(inbox.Json.EnumerateArray()).Str("code");
        Assert.Contains(code, (await _cli.WithKeyAsync(key, "sandbox", "inbox", Phone)).Out);

        var wrong = await _cli.WithKeyAsync(key, "verify", "check", "--id", started.Json.Str("id"), "--code", code == "000000" ? "111111" : "000000");
        Assert.Equal(ExitCodes.CheckFailed, wrong.ExitCode);
        var approved = await _cli.WithKeyAsync(key, "verify", "check", "--to", Phone, "--code", code, "--json");
        Assert.Equal((ExitCodes.Ok, "approved"), (approved.ExitCode, approved.Json.Str("status")));
    }

    [Fact]
    public async Task Send_ApprovedTemplateWithParams_SendsOneMessageEachNumber()
    {
        var sender = await app.CreateLiveSenderAsync();
        var template = await sender.Tenant.CreateApprovedTemplateAsync(app, Messaging.Notification, "notification");
        const string Other = "+8613812345679";
        await sender.Tenant.RegisterNumberAsync(Phone);
        await sender.Tenant.RegisterNumberAsync(Other);

        var sent = await _cli.WithKeyAsync(sender.Tenant.ApiKey,
            "send", "--to", Phone, "--to", Other, "--signature", sender.Signature, "--template", template, "--param", "order=42", "--json");

        Assert.Equal(ExitCodes.Ok, sent.ExitCode);
        Assert.Equal([Phone, Other], sent.Json.GetProperty("messages").EnumerateArray().Select(m => m.Str("to")).Order());
        var inbox = await _cli.WithKeyAsync(sender.Tenant.ApiKey, "sandbox", "inbox", Other);
        Assert.Contains("您的订单42已发货", inbox.Out);
    }

    [Fact]
    public async Task SandboxInbox_Followed_PrintsEachNewMessageAsItArrivesUntilCancelled()
    {
        var key = (await app.CreateTenantAsync()).ApiKey;
        await _cli.WithKeyAsync(key, "sandbox", "register", Phone);
        var output = new LockedWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var following = SmsVerify.Cli.Cli.RunAsync(["sandbox", "inbox", Phone, "--follow", "--json", "--server", _cli.Server, "--key", key],
            _cli.Host(output, new StringWriter()), stop.Token);

        var started = await _cli.WithKeyAsync(key, "verify", "start", "--to", Phone, "--json");
        var line = await output.WaitForLineAsync(stop.Token);
        await stop.CancelAsync();

        Assert.Equal(ExitCodes.Ok, await following);
        var message = JsonDocument.Parse(line).RootElement;
        Assert.Equal(Phone, message.Str("to"));
        Assert.False(string.IsNullOrEmpty(message.Str("code")));
        Assert.Equal(ExitCodes.Ok, started.ExitCode);
    }

    [Fact]
    public async Task Audit_Verified_AndExportedAsNdjson()
    {
        await _cli.AsOperatorAsync("tenants", "create", "--name", "Audited");

        var verified = await _cli.AsOperatorAsync("audit", "verify");
        Assert.Equal(ExitCodes.Ok, verified.ExitCode);
        Assert.Contains("intact", verified.Out);

        var file = _cli.File("audit.ndjson");
        var exported = await _cli.AsOperatorAsync("audit", "export", "--out", file, "--action", "tenant.", "--json");
        Assert.Equal(ExitCodes.Ok, exported.ExitCode);
        var lines = await File.ReadAllLinesAsync(file);
        Assert.Equal(exported.Json.GetProperty("records").GetInt64(), lines.Length);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.StartsWith("tenant.", JsonDocument.Parse(l).RootElement.Str("action")));
        Assert.False(File.Exists(file + ".partial"));
    }

    [Fact]
    public async Task Channels_Status_ShowsEachChannelAndTheQueue()
    {
        var table = await _cli.AsOperatorAsync("channels", "status");
        Assert.Equal(ExitCodes.Ok, table.ExitCode);
        Assert.Contains("Queue:", table.Out);
        var json = await _cli.AsOperatorAsync("channels", "status", "--json");
        Assert.NotEmpty(json.Json.GetProperty("channels").EnumerateArray());
        Assert.True(json.Json.GetProperty("queue").TryGetProperty("queued", out _));
    }

    [Fact]
    public async Task OperatorKeys_CreatedListedAndDeleted()
    {
        var created = (await _cli.AsOperatorAsync("keys", "create", "--role", "risk", "--json")).Json;
        var id = created.Str("id");
        Assert.Contains(id, (await _cli.AsOperatorAsync("keys", "list")).Out);

        Assert.Equal(ExitCodes.Ok, (await _cli.AsOperatorAsync("keys", "delete", id)).ExitCode);
        Assert.DoesNotContain(id, (await _cli.AsOperatorAsync("keys", "list")).Out);
        Assert.Equal(ExitCodes.Unreachable, (await _cli.WithKeyAsync(created.Str("apiKey"), "channels", "status")).ExitCode);
    }
}
