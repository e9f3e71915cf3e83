using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Telemetry;

/// <summary>What a trace backend receives: the server's own span configuration, exported in memory instead of by OTLP.</summary>
public sealed class TracingTests : IAsyncLifetime
{
    private const string RealNumber = "+8613912345678";

    private readonly ExportedSpans _spans = new();
    private readonly FakeChannel _carrier = new("primary", 10, _ => new SubmitOutcome.Accepted(["c-1"]));
    private readonly SmsVerifyApp _app;

    public TracingTests() => _app = new SmsVerifyApp
    {
        TestServices = services =>
        {
            services.AddSingleton<IChannelRoutes>(new FakeRoutes(_carrier));
            _spans.AddTo(services);
        },
    };

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AMessage_ApiCallAndSubmit_AreOneTrace()
    {
        var id = await _app.SendNotificationAsync(RealNumber);

        var submit = await _spans.WaitForAsync(s => s.Source.Name == MessageTracing.SourceName && Equals(s.GetTagItem("smsverify.message.id"), id),
            "the submit's span");
        // The request's span ends with its response, which may be after the submit's.
        var parent = await _spans.WaitForAsync(s => s.SpanId == submit.ParentSpanId, "the submit's parent span");
        Assert.Equal((ActivityKind.Server, "POST", "/v1/messages/"), (parent.Kind, parent.GetTagItem("http.request.method"), parent.GetTagItem("http.route")));
        Assert.Equal(parent.TraceId, submit.TraceId);
    }
}
