using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Webhooks;

/// <summary>
/// Hourly: deletes deliveries that were posted or given up more than <see cref="WebhookOptions.RetentionDays"/>
/// ago. Every status change of every message adds one, so without this the outbox would only grow; pending ones are
/// never deleted.
/// </summary>
internal sealed partial class WebhookRetention(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookRetention> logger)
    : HourlyJob(scopes, clock, logger)
{
    /// <summary>Deletes what finished before <paramref name="before"/>; returns how many.</summary>
    public static Task<int> PruneAsync(AppDbContext db, DateTime before, CancellationToken cancellationToken) =>
        // A finished delivery's NextAttemptAt is when it finished (see the dispatcher), so the queue's index serves this.
        db.WebhookDeliveries.Where(d => d.Status != DeliveryStatus.Pending && d.NextAttemptAt < before).ExecuteDeleteAsync(cancellationToken);

    protected override async Task RunAsync(IServiceProvider services, AppDbContext db, CancellationToken cancellationToken)
    {
        var deleted = await PruneAsync(db, Clock.UtcNowForStorage() - TimeSpan.FromDays(options.Value.RetentionDays), cancellationToken);
        Log.Pruned(logger, deleted, options.Value.RetentionDays);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Deleted {Count} webhook deliveries finished more than {Days} days ago.")]
        public static partial void Pruned(ILogger logger, int count, int days);
    }
}
