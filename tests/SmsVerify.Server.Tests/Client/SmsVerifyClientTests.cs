using System.Net;
using SmsVerify.Client;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Client;

/// <summary>The .NET client against the real app: every answer typed, every problem thrown with its code.</summary>
public sealed class SmsVerifyClientTests : IAsyncLifetime
{
    private const string Phone = "+8613812345678";

    private readonly SmsVerifyApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<SmsVerifyClient> TenantClientAsync(FlakyNetwork? network = null) =>
        _app.ClientFor((await _app.CreateTenantAsync()).ApiKey, network);

    [Fact]
    public async Task Verification_CheckedWithTheCodeFromTheSandboxInbox_IsApproved()
    {
        var client = await TenantClientAsync();
        await client.RegisterTestNumberAsync("13812345678");

        var started = await client.StartVerificationAsync(Phone);
        Assert.Equal((Phone, VerificationStatus.Pending, 1), (started.To, started.Status, started.SendCount));
        var code = Assert.Single(await client.ReadInboxAsync(Phone)).Code!;

        var wrong = await client.CheckVerificationAsync(started.Id, new string(code.Select(c => c == '0' ? '1' : '0').ToArray()));
        Assert.Equal((VerificationStatus.Pending, started.CheckAttemptsLeft - 1), (wrong.Status, wrong.CheckAttemptsLeft));
        var approved = await client.CheckVerificationAsync(started.Id, code);
        Assert.True(approved.IsApproved);
        Assert.Equal(VerificationStatus.Approved, (await client.GetVerificationAsync(started.Id)).Status);
    }

    [Fact]
    public async Task Messages_SentToTestNumbers_ReadBackByIdByNumberAndPageByPage()
    {
        var sender = await _app.CreateLiveSenderAsync();
        var template = await sender.Tenant.CreateApprovedTemplateAsync(_app, Messaging.Notification, "notification");
        var client = _app.ClientFor(sender.Tenant.ApiKey);
        string[] phones = [Phone, "+8613812345679", "+8613812345670"];
        foreach (var phone in phones)
        {
            await client.RegisterTestNumberAsync(phone);
        }

        var sent = await client.SendMessagesAsync(new SendMessagesRequest(phones, sender.Signature, template) { Params = new Dictionary<string, string> { ["order"] = "42" } });
        Assert.Equal((3, 0m), (sent.Messages.Count, sent.Cost));

        var first = sent.Messages.Single(m => m.To == Phone);
        var read = await client.GetMessageAsync(first.Id);
        Assert.Equal((Phone, sender.Signature, template, MessageStatus.Delivered), (read.To, read.Signature, read.Template, read.Status));
        Assert.Equal("【某某科技】您的订单42已发货，请注意查收。", read.Text);
        Assert.Equal(first.Id, Assert.Single(await client.ListMessagesAsync(new MessageQuery { To = "13812345678" })).Id);
        Assert.Equal(2, (await client.ListMessagesAsync(new MessageQuery { Limit = 2 })).Count);

        var all = new List<Message>();
        await foreach (var message in client.ListAllMessagesAsync(new MessageQuery { Limit = 2 }))
        {
            all.Add(message);
        }
        Assert.Equal(sent.Messages.Select(m => m.Id).Order(), all.Select(m => m.Id).Order());
        Assert.Equal(read.Text, Assert.Single(await client.ReadInboxAsync(phones[1])).Text);
    }

    [Fact]
    public async Task Problems_AreThrownAsTypedExceptions_WithCodeFieldAndMembers()
    {
        var client = await TenantClientAsync();
        await client.RegisterTestNumberAsync(Phone);

        var invalid = await Assert.ThrowsAsync<SmsVerifyProblemException>(() => client.ListMessagesAsync(new MessageQuery { Limit = 0 }));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_argument", "limit", "/v1/messages"), (invalid.Status, invalid.Code, invalid.Field, invalid.Instance));
        Assert.Equal("/problems/invalid_argument", invalid.Type);
        Assert.False(string.IsNullOrEmpty(invalid.Title));

        var notATestNumber = await Assert.ThrowsAsync<SmsVerifyProblemException>(() => client.StartVerificationAsync("+8613912345678"));
        Assert.Equal((HttpStatusCode.Forbidden, "sandbox_number_required"), (notATestNumber.Status, notATestNumber.Code));

        var started = await client.StartVerificationAsync(Phone);
        Assert.True((await client.ApproveVerificationAsync(started.Id)).IsApproved);
        var over = await Assert.ThrowsAsync<SmsVerifyProblemException>(() => client.CheckVerificationAsync(Phone, "123456"));
        Assert.Equal((HttpStatusCode.Conflict, "verification_not_pending"), (over.Status, over.Code));
        Assert.Equal("approved", over.Extensions["verificationStatus"].GetString());
        Assert.Contains("verification_not_pending", over.Message);
    }

    [Fact]
    public async Task ResendTooSoon_WaitingLongerThanTheCap_IsThrownAtOnce_WithItsWait()
    {
        var network = new FlakyNetwork();
        var client = await TenantClientAsync(network);
        await client.RegisterTestNumberAsync(Phone);
        await client.StartVerificationAsync(Phone);

        var tooSoon = await Assert.ThrowsAsync<SmsVerifyProblemException>(() => client.StartVerificationAsync(Phone));

        Assert.Equal((HttpStatusCode.TooManyRequests, "resend_too_soon"), (tooSoon.Status, tooSoon.Code));
        Assert.Equal(TimeSpan.FromSeconds(60), tooSoon.RetryAfter);
        Assert.Equal(2, network.Attempts.Count(a => a.Path == "/v1/verifications")); // one each: 60 s is past the 10 s cap
    }

    [Fact]
    public async Task Prechecks_FindWhatTheRulesFind_AndSaveNothing()
    {
        var tenant = await _app.CreateTenantAsync();
        var client = _app.ClientFor(tenant.ApiKey);

        var template = await client.PrecheckTemplateAsync(new TemplateRequest("登录", "verification", "验证码${code}，详见 http://example.cn", "用户登录"));
        Assert.Contains(template.Findings, f => f.Severity == "error" && f.Field == "content" && f.Span is { Length: > 0 });
        Assert.Equal(new TemplateVariable("code", "code"), Assert.Single(template.Variables));

        var trademark = new SignatureRequest("某某科技", "trademark") { TrademarkNumber = "12345678" };
        var noQualification = await Assert.ThrowsAsync<SmsVerifyProblemException>(() => client.PrecheckSignatureAsync(trademark));
        Assert.Equal("qualification_required", noQualification.Code);
        await tenant.SubmitQualificationAsync(Submissions.Enterprise());
        var withoutCertificate = await client.PrecheckSignatureAsync(trademark);
        Assert.Contains(withoutCertificate.Findings, f => f.Code == "trademark_certificate_missing");
        var withCertificate = await client.PrecheckSignatureAsync(trademark with { TrademarkCertificate = new SignatureDocument("certificate.jpg", Submissions.Jpeg) });
        Assert.DoesNotContain(withCertificate.Findings, f => f.Code == "trademark_certificate_missing");

        Assert.Empty(await client.ListTemplatesAsync());
        Assert.Empty(await client.ListSignaturesAsync());
    }
}
