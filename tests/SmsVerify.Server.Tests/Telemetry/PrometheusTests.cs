using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Tests.Channels;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Telemetry;

/// <summary>The scrape endpoint on the main port, as an operator's Prometheus reads it with an auditor key.</summary>
[Collection(AloneCollection.Name)]
public sealed class PrometheusTests : IAsyncLifetime
{
    private const string RealNumber = "+8613912345678"; // China Mobile's block 139
    private const string TestNumber = "+8613812345678";

    private readonly FakeChannel _carrier = new("primary", 10, _ => new SubmitOutcome.Accepted(["c-1"]));
    private readonly SmsVerifyApp _app;

    public PrometheusTests() => _app = new SmsVerifyApp
    {
        Settings = { ["Telemetry:Prometheus:Enabled"] = "true" },
        TestServices = services => services.AddSingleton<IChannelRoutes>(new FakeRoutes(_carrier)),
    };

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> ScrapeAsync()
    {
        var response = await _app.Operator().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task AMessageSubmitted_IsCounted_ByStatusCarrierAndChannel_WithItsSubmitLatency()
    {
        var id = await _app.SendNotificationAsync(RealNumber);
        await Wait.Until(async () => (await _app.WithDbAsync(db => db.Messages.FindAsync(id).AsTask()))!.Status == MessageStatus.Submitted, "the submit");

        var scrape = await ScrapeAsync();

        Assert.Equal(1, Scrape.Value(scrape, "smsverify_messages_total", ("status", "queued"), ("carrier", "china_mobile"), ("channel", "none")));
        Assert.Equal(1, Scrape.Value(scrape, "smsverify_messages_total", ("status", "submitted"), ("carrier", "china_mobile"), ("channel", "primary")));
        Assert.Equal(1, Scrape.Value(scrape, "smsverify_messages_submit_latency_seconds_count", ("carrier", "china_mobile"), ("channel", "primary")));
    }

    [Fact]
    public async Task AVerificationSentAndApproved_IsCounted_ForConversion()
    {
        var tenant = await _app.CreateTenantAsync();
        await tenant.RegisterNumberAsync(TestNumber, fixedCode: "482916");
        var id = (await tenant.StartOkAsync(TestNumber)).Str("id");
        await (await tenant.CheckAsync(id, "482916")).OkAsync();

        var scrape = await ScrapeAsync();

        Assert.Equal(1, Scrape.Value(scrape, "smsverify_verifications_sent_total", ("kind", "new")));
        Assert.Equal(1, Scrape.Value(scrape, "smsverify_verifications_approved_total", ("by", "code")));
        // A test number's message is delivered by the sandbox at once.
        Assert.Equal(1, Scrape.Value(scrape, "smsverify_messages_total", ("status", "delivered"), ("channel", "sandbox")));
    }

    [Fact]
    public async Task TheScrape_NeedsAnOperatorKey()
    {
        var tenant = await _app.CreateTenantAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Anonymous().GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Http.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Off_ByDefault_TheScrapeIsNotFound()
    {
        await using var plain = new SmsVerifyApp();
        await plain.InitializeAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await plain.Operator().GetAsync("/metrics")).StatusCode);
    }
}
