using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Sending;

/// <summary>What every door shares because every send takes the one pipeline: the same limits, the same content rules.</summary>
public sealed class SendPipelineTests : IAsyncLifetime
{
    private const string RealNumber = "+8613912345678";
    private const string OtherNumber = "+8613912345679";

    // Nothing is delivered: these tests look at what the pipeline accepts and refuses.
    private readonly SmsVerifyApp _app = new() { Settings = { ["Delivery:RunWorker"] = "false" } };

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<LiveSender> FundedSenderAsync()
    {
        var sender = await _app.CreateLiveSenderAsync();
        await _app.TopUpAsync(sender.Tenant.Id, 10m);
        return sender;
    }

    [Fact]
    public async Task MessageWithAVerificationTemplate_IsHeldToTheNumbersLimits_TheSameCountAsVerifications()
    {
        var sender = await FundedSenderAsync();
        var notification = await sender.Tenant.CreateApprovedTemplateAsync(_app, Messaging.Notification, "notification");

        await (await sender.SendAsync(sender.Template, new { code = "4821" }, RealNumber)).OkAsync(HttpStatusCode.Accepted);

        // One verification message per number and minute, whichever API sent the first.
        var again = await (await sender.SendAsync(sender.Template, new { code = "4822" }, RealNumber)).ProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(60, again.Int("windowSeconds"));
        await (await sender.StartAsync(RealNumber)).ProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        // A notification is no verification code: it is not counted.
        await (await sender.SendAsync(notification, new { order = "1" }, RealNumber)).OkAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task MessageWithAVerificationTemplate_ToManyNumbers_RefusesOnlyTheNumberOverItsLimit()
    {
        var sender = await FundedSenderAsync();
        await (await sender.StartAsync(RealNumber)).OkAsync(HttpStatusCode.Created);
        var before = await sender.Tenant.BalanceAsync();

        var sent = await (await sender.SendAsync(sender.Template, new { code = "4821" }, RealNumber, OtherNumber)).OkAsync(HttpStatusCode.Accepted);

        var messages = sent.GetProperty("messages").EnumerateArray().ToDictionary(m => m.Str("to"));
        Assert.Equal(("failed", "rate_limited"), (messages[RealNumber].Str("status"), messages[RealNumber].Str("errorCode")));
        Assert.Equal("queued", messages[OtherNumber].Str("status"));
        // Only the message that goes out is paid for.
        Assert.Equal(0.045m, sent.GetProperty("cost").GetDecimal());
        Assert.Equal(before - 0.045m, await sender.Tenant.BalanceAsync());
    }

    [Fact]
    public async Task DeletedTemplate_StopsSendingAtOnce()
    {
        var sender = await FundedSenderAsync();
        var notification = await sender.Tenant.CreateApprovedTemplateAsync(_app, Messaging.Notification, "notification");
        await (await sender.SendAsync(notification, new { order = "1" }, RealNumber)).OkAsync(HttpStatusCode.Accepted);

        Assert.Equal(HttpStatusCode.NoContent, (await sender.Http.DeleteAsync($"/v1/templates/{notification}")).StatusCode);

        await (await sender.SendAsync(notification, new { order = "2" }, RealNumber)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "template_not_found");
    }

    [Fact]
    public async Task ChangedTemplate_IsNotSentUntilApprovedAgain()
    {
        var sender = await FundedSenderAsync();
        var notification = await sender.Tenant.CreateApprovedTemplateAsync(_app, Messaging.Notification, "notification");
        await (await sender.SendAsync(notification, new { order = "1" }, RealNumber)).OkAsync(HttpStatusCode.Accepted);

        await (await sender.Http.PutJsonAsync($"/v1/templates/{notification}",
            new { name = "登录", type = "notification", content = "您的包裹${order}已到达驿站。", scenario = "包裹到站通知" })).OkAsync();

        await (await sender.SendAsync(notification, new { order = "2" }, RealNumber)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "template_not_found");
    }
}
