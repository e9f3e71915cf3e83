using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Telemetry;

/// <summary>
/// A message's trace continued from the database: its submit by a claim from the queue (no handover, as after a
/// restart or on another node) and the receipt that settles it, with the server's own span configuration exported
/// in memory.
/// </summary>
public sealed class MessageTraceTests : IAsyncLifetime
{
    private const string RealNumber = "+8613912345678";

    private readonly ExportedSpans _spans = new();
    private readonly FakeChannel _carrier = new("primary", 10, _ => new SubmitOutcome.Accepted(["c-1"]));
    private readonly SmsVerifyApp _app;

    // No worker runs, so a send is never handed over: its message waits in the queue for the claim the test makes.
    public MessageTraceTests() => _app = new SmsVerifyApp
    {
        Settings = { ["Delivery:RunWorker"] = "false" },
        TestServices = services =>
        {
            services.AddSingleton<IChannelRoutes>(new FakeRoutes(_carrier));
            _spans.AddTo(services);
        },
    };

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AMessageClaimedFromTheQueue_SubmitAndReceipt_AreInTheApiCallsTrace()
    {
        var id = await _app.SendNotificationAsync(RealNumber);
        var stored = await _app.WithDbAsync(db => db.Messages.Where(m => m.Id == id).Select(m => m.TraceParent).SingleAsync());
        Assert.True(ActivityContext.TryParse(stored, null, out var request), $"a traceparent is stored: {stored}");

        var worker = _app.Services.GetRequiredService<DeliveryWorker>();
        Assert.Equal(1, await worker.RunOnceAsync(CancellationToken.None));
        await worker.WhenIdleAsync();
        await _app.Services.GetRequiredService<IChannelEventSink>().HandleAsync(
            new ReceiptEvent("primary", _app.Clock.GetUtcNow().UtcDateTime, "c-1", ReceiptOutcome.Failed, "UNDELIV:045", null), CancellationToken.None);

        var submit = await SpanAsync("message submit", id);
        Assert.Equal((request.TraceId, request.SpanId), (submit.TraceId, submit.ParentSpanId));
        var receipt = await SpanAsync("message receipt", id);
        Assert.Equal((request.TraceId, ActivityKind.Consumer), (receipt.TraceId, receipt.Kind));
        Assert.Equal(("failed", "UNDELIV:045", ActivityStatusCode.Error),
            (receipt.GetTagItem("smsverify.message.status"), receipt.GetTagItem("smsverify.message.error_code"), receipt.Status));
        var api = await _spans.WaitForAsync(s => s.SpanId == request.SpanId, "the API call's span");
        Assert.Equal(ActivityKind.Server, api.Kind);
    }

    private Task<Activity> SpanAsync(string name, Guid messageId) =>
        _spans.WaitForAsync(s => s.DisplayName == name && Equals(s.GetTagItem("smsverify.message.id"), messageId), name);
}
