using System.Diagnostics.Metrics;
using System.Net;
using SmsVerify.Server.Limits;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Limits;

/// <summary>
/// Redis unreachable: sends go on under each node's conservative budget (never unlimited), checks fail closed,
/// readiness says degraded, and both are counted.
/// </summary>
public sealed class LimitsStoreDownTests : IAsyncLifetime
{
    private const string Phone = "+8613812345678";

    // Nothing listens on port 1. The per-tenant windows (1 a minute, 5 an hour, 10 a day) divided by 4 are at least 1
    // a minute, 1 an hour and 2 a day.
    private static readonly Dictionary<string, string?> RedisDown = new()
    {
        ["ConnectionStrings:Redis"] = "127.0.0.1:1,connectTimeout=200,asyncTimeout=200",
        ["Limits:FallbackDivisor"] = "4",
    };

    private readonly MeterListener _listener = new();
    private readonly List<string> _unavailable = [];
    private SmsVerifyApp _app = null!;

    public async Task InitializeAsync()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LimitsMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            lock (_unavailable)
            {
                _unavailable.Add((string)tags[0].Value!);
            }
        });
        _listener.Start();
        _app = await SmsVerifyApp.StartAsync(RedisDown);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _listener.Dispose();
    }

    [Fact]
    public async Task Sends_UseTheFallbackBudget_ChecksAre503_ReadinessIsDegraded()
    {
        var tenant = await _app.CreateTenantAsync();
        await tenant.RegisterNumberAsync(Phone, fixedCode: "123456");

        var id = (await tenant.StartOkAsync(Phone)).Str("id");
        _app.Clock.Advance(TimeSpan.FromSeconds(61));
        // With Redis a second code an hour is allowed (5 an hour); the fallback allows one.
        var second = await (await tenant.StartAsync(Phone)).ProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal((1, 3600), (second.Int("limit"), second.Int("windowSeconds")));
        Assert.Equal(1, (await tenant.InboxAsync(Phone)).GetArrayLength());

        await (await tenant.CheckAsync(id, "123456")).ProblemAsync(HttpStatusCode.ServiceUnavailable, "limits_unavailable");
        var ready = await _app.Anonymous().GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
        lock (_unavailable)
        {
            Assert.Contains("send", _unavailable);
            Assert.Contains("check", _unavailable);
        }
    }
}
