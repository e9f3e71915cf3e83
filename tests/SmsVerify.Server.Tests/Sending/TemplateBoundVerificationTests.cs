using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Tests.Support;
using SmsVerify.Server.Verification;

namespace SmsVerify.Server.Tests.Sending;

public sealed class TemplateBoundVerificationTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private const string RealNumber = "+8613912345678";
    private const string TestNumber = "+8613800000001";

    [Fact]
    public async Task LiveTenant_ApprovedContent_QueuesTheRenderedCodeForACarrier_Sealed()
    {
        // No delivery worker: the test reads the message while it waits in the queue.
        await using var app = await SmsVerifyApp.StartAsync(new() { ["Delivery:RunWorker"] = "false" });
        var sender = await app.CreateLiveSenderAsync();
        await (await sender.StartAsync(RealNumber)).ProblemAsync(HttpStatusCode.PaymentRequired, "insufficient_balance");
        await app.TopUpAsync(sender.Tenant.Id, 1m);

        var started = await (await sender.StartAsync(RealNumber)).OkAsync(HttpStatusCode.Created);

        var message = await app.WithDbAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.VerificationId == started.GetProperty("id").GetGuid()));
        Assert.Equal((MessageStatus.Queued, sender.Signature, sender.Template), (message.Status, message.Signature, message.Template));
        Assert.Equal("【某某科技】您正在登录某某商城，验证码为******，5分钟内有效，请勿泄露给他人。", message.MaskedText);
        Assert.Null(message.SandboxText);
        Assert.NotEmpty(message.SourceExtension!);
        Assert.Equal((1, 450L), (message.Segments, message.Cost)); // 0.045 yuan, charged from the balance
        Assert.Equal(0.955m, await sender.Tenant.BalanceAsync());
        // The whole text waits sealed; opened, it carries the code that checks.
        var text = app.Services.GetRequiredService<MessageTexts>().Open(message.Id, message.TextSeal!);
        var code = text.Substring(message.MaskedText.IndexOf('*', StringComparison.Ordinal), 6);
        Assert.Equal(message.MaskedText, text.Replace(code, "******", StringComparison.Ordinal));
        var check = await (await sender.Http.PostJsonAsync("/v1/verifications/check", new { id = started.Str("id"), code })).OkAsync();
        Assert.Equal("approved", check.Str("status"));
    }

    [Fact]
    public async Task LiveTenant_RealNumberWithoutSignature_IsRefused_TestNumbersStillTakeTheBuiltIn()
    {
        var sender = await app.CreateLiveSenderAsync();
        await (await sender.Http.PostJsonAsync("/v1/verifications", new { to = RealNumber }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "signature_required");
        await sender.Tenant.RegisterNumberAsync(TestNumber);

        await sender.Tenant.StartOkAsync(TestNumber);

        Assert.StartsWith("【SmsVerify】", (await sender.Tenant.InboxAsync(TestNumber))[0].Str("text"));
    }

    [Fact]
    public async Task TestNumber_ApprovedContent_InboxShowsTheTenantsOwnText()
    {
        var sender = await app.CreateLiveSenderAsync();
        await sender.Tenant.RegisterNumberAsync(TestNumber);

        var started = await (await sender.StartAsync(TestNumber)).OkAsync(HttpStatusCode.Created);

        var received = (await sender.Tenant.InboxAsync(TestNumber))[0];
        Assert.StartsWith("【某某科技】您正在登录某某商城，验证码为", received.Str("text"));
        var check = await (await sender.Http.PostJsonAsync("/v1/verifications/check", new { id = started.Str("id"), code = received.Str("code") })).OkAsync();
        Assert.Equal("approved", check.Str("status"));
    }

    [Fact]
    public async Task Params_UnknownOrOverridingTheCode_Are400_AndNothingIsSent()
    {
        var sender = await app.CreateLiveSenderAsync();

        var unknown = await (await sender.StartAsync(RealNumber, new { coupon = "A1" })).ProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid");
        var overridesCode = await (await sender.StartAsync(RealNumber, new { code = "http://x.cn" })).ProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid");

        Assert.Equal(("coupon", "unknown"), (unknown.Str("variable"), unknown.Str("rule")));
        Assert.Equal("code", overridesCode.Str("variable"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Messages.CountAsync(m => m.TenantId == sender.Tenant.Id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Verifications.CountAsync(v => v.TenantId == sender.Tenant.Id)));
    }

    [Fact]
    public async Task Content_NotApproved_NotAVerification_OrAnotherTenants_IsRefused()
    {
        var sender = await app.CreateLiveSenderAsync();
        var other = await app.CreateLiveSenderAsync();
        var notification = await sender.Tenant.CreateApprovedTemplateAsync(app, "您的订单已发货，请注意查收。", "notification");
        var pending = await (await sender.Http.PostJsonAsync("/v1/templates",
            new { name = "待审", type = "notification", content = "您的快递已到驿站。", scenario = "物流" })).OkAsync(HttpStatusCode.Created);

        await (await sender.Http.PostJsonAsync("/v1/verifications", new { to = RealNumber, signature = sender.Signature, template = notification }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "template_type_mismatch");
        await (await sender.Http.PostJsonAsync("/v1/verifications", new { to = RealNumber, signature = sender.Signature, template = pending.Str("code") }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "template_not_found");
        await (await sender.Http.PostJsonAsync("/v1/verifications", new { to = RealNumber, signature = sender.Signature, template = other.Template }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "template_not_found");
        await (await sender.Http.PostJsonAsync("/v1/verifications", new { to = RealNumber, signature = "别人家", template = sender.Template }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "signature_not_found");
        await (await sender.Http.PostJsonAsync("/v1/verifications", new { to = RealNumber, signature = sender.Signature }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
    }

    [Fact]
    public async Task SandboxTenant_ApprovedContentNames_StillReachTestNumbersOnly()
    {
        var tenant = await app.CreateTenantAsync();

        await (await tenant.Http.PostJsonAsync("/v1/verifications", new { to = RealNumber }))
            .ProblemAsync(HttpStatusCode.Forbidden, "sandbox_number_required");
    }

    [Fact]
    public async Task AnotherTemplate_WhilePending_ReplacesTheOldCode()
    {
        var sender = await app.CreateLiveSenderAsync();
        await sender.Tenant.RegisterNumberAsync(TestNumber);
        var first = await sender.Tenant.StartOkAsync(TestNumber);
        var firstCode = await sender.Tenant.LatestCodeAsync(TestNumber);
        app.Clock.Advance(TimeSpan.FromSeconds(61));

        var second = await (await sender.StartAsync(TestNumber)).OkAsync(HttpStatusCode.Created);

        Assert.NotEqual(first.Str("id"), second.Str("id"));
        var old = await app.WithDbAsync(db => db.Verifications.AsNoTracking().SingleAsync(v => v.Id == first.GetProperty("id").GetGuid()));
        Assert.Equal(VerificationStatus.Canceled, old.Status);
        await (await sender.Http.PostJsonAsync("/v1/verifications/check", new { id = first.Str("id"), code = firstCode }))
            .ProblemAsync(HttpStatusCode.Conflict, "verification_not_pending");
    }
}
