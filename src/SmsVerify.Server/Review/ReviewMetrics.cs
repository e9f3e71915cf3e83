using System.Diagnostics.Metrics;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Telemetry;

namespace SmsVerify.Server.Review;

/// <summary>
/// <c>smsverify.review.oldest_age</c>: seconds the submission waiting longest for an auditor has waited, by
/// <c>kind</c> (0 when none waits), read at most once per <see cref="Interval"/>.
/// </summary>
internal sealed class ReviewMetrics
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly CachedReading<List<(string Kind, DateTime? Oldest)>> _oldest;
    private readonly TimeProvider _clock;

    public ReviewMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock)
    {
        _clock = clock;
        _oldest = new(async cancellationToken =>
        {
            await using var scope = scopes.CreateAsyncScope();
            List<(string, DateTime?)> oldest = [];
            foreach (var kind in scope.ServiceProvider.GetServices<IReviewKind>())
            {
                oldest.Add((kind.Kind, await kind.OldestPendingAsync(cancellationToken)));
            }
            return oldest;
        }, clock, Interval);
        meters.Create("SmsVerify.Review").CreateObservableGauge("smsverify.review.oldest_age", OldestAge, "s",
            "How long the submission waiting longest for a review decision has waited.");
    }

    private IEnumerable<Measurement<double>> OldestAge()
    {
        var now = _clock.UtcNowForStorage();
        return (_oldest.Value ?? []).Select(k => new Measurement<double>(
            k.Oldest is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : 0, new KeyValuePair<string, object?>("kind", k.Kind)));
    }
}
