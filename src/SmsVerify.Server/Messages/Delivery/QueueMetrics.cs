using System.Diagnostics.Metrics;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Telemetry;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// <c>smsverify.queue.depth</c>: messages waiting for a carrier, by <c>carrier</c>; <c>smsverify.queue.oldest_age</c>:
/// seconds the oldest of them has waited (0 when none waits). The queue as <c>GET /v1/channels/queue</c> reads it,
/// at most once per <see cref="Interval"/>.
/// </summary>
internal sealed class QueueMetrics
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly CachedReading<QueueDepth> _queue;
    private readonly TimeProvider _clock;

    public QueueMetrics(IMeterFactory meters, IServiceScopeFactory scopes, ChannelRouter router, TimeProvider clock)
    {
        _clock = clock;
        _queue = new(async cancellationToken =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            return await QueueDepth.MeasureAsync(db, router, clock.UtcNowForStorage(), cancellationToken);
        }, clock, Interval);
        var meter = meters.Create(MessageMetrics.MeterName);
        meter.CreateObservableGauge("smsverify.queue.depth", Depth, "{message}", "Messages waiting for a carrier.");
        meter.CreateObservableGauge("smsverify.queue.oldest_age", OldestAge, "s", "How long the oldest message waiting for a carrier has waited.");
    }

    private IEnumerable<Measurement<int>> Depth() =>
        _queue.Value is { } queue ? queue.ByCarrier.Select(c => new Measurement<int>(c.Value, new KeyValuePair<string, object?>("carrier", MessageMetrics.CarrierName(c.Key)))) : [];

    private double OldestAge() =>
        _queue.Value?.OldestCreatedAt is { } oldest ? Math.Max(0, (_clock.UtcNowForStorage() - oldest).TotalSeconds) : 0;
}
