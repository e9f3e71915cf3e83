using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages.Inbound;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// Hourly: forgets carrier ids older than the receipt window (and receipts that never found their message, which
/// are logged as a count first) and idempotency keys past their 24 hours, and files long replies whose missing
/// parts never came.
/// </summary>
internal sealed partial class MessageRetention(IServiceScopeFactory scopes, IOptions<DeliveryOptions> options, TimeProvider clock, ILogger<MessageRetention> logger)
    : HourlyJob(scopes, clock, logger)
{
    /// <summary>How long the parts of a long reply wait for the rest before they are filed as they are.</summary>
    public static readonly TimeSpan IncompleteReplyWait = TimeSpan.FromHours(1);

    protected override async Task RunAsync(IServiceProvider services, AppDbContext db, CancellationToken cancellationToken)
    {
        var (parts, unmatched) = await services.GetRequiredService<Receipts>()
            .PruneAsync(db, TimeSpan.FromHours(options.Value.ReceiptWindowHours), cancellationToken);
        var now = Clock.UtcNowForStorage();
        await db.IdempotencyKeys.Where(k => k.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        var incomplete = await services.GetRequiredService<InboundMessages>().FileIncompleteAsync(db, now - IncompleteReplyWait, cancellationToken);
        if (incomplete > 0)
        {
            Log.IncompleteReplies(logger, incomplete);
        }
        if (unmatched > 0)
        {
            Log.UnmatchedReceipts(logger, unmatched, options.Value.ReceiptWindowHours);
        }
        Log.Pruned(logger, parts);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "{Count} delivery receipts found no message within {Hours} h and were dropped.")]
        public static partial void UnmatchedReceipts(ILogger logger, int count, int hours);

        [LoggerMessage(2, LogLevel.Debug, "Forgot {Count} carrier message ids past the receipt window.")]
        public static partial void Pruned(ILogger logger, int count);

        [LoggerMessage(4, LogLevel.Warning, "{Count} long replies were missing parts after an hour and were filed as they arrived.")]
        public static partial void IncompleteReplies(ILogger logger, int count);
    }
}
