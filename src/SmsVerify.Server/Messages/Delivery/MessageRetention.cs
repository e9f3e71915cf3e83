using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages.Inbound;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// Hourly: forgets carrier ids older than the receipt window (and receipts that never found their message, which
/// are logged as a count first) and idempotency keys past their 24 hours, files long replies whose missing parts
/// never came, and deletes messages and replies past their retention (<see cref="MessagesOptions"/>).
/// </summary>
internal sealed partial class MessageRetention(
    IServiceScopeFactory scopes, IOptions<DeliveryOptions> options, IOptions<MessagesOptions> retention, TimeProvider clock, ILogger<MessageRetention> logger)
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
        var (messages, replies) = await PruneLogAsync(db, now, cancellationToken);
        if (messages + replies > 0)
        {
            Log.LogPruned(logger, messages, retention.Value.RetentionDays, replies, retention.Value.InboundRetentionDays);
        }
    }

    /// <summary>
    /// Deletes messages that left the queue before the retention and replies received before theirs, tenant by tenant
    /// and a thousand at a time: each statement reads one tenant's range of the (tenant, time) index that the log's
    /// pages use, so the hot insert path pays for no index of its own, and no statement holds locks for long.
    /// </summary>
    private async Task<(int Messages, int Replies)> PruneLogAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var messagesBefore = now - TimeSpan.FromDays(retention.Value.RetentionDays);
        var repliesBefore = now - TimeSpan.FromDays(retention.Value.InboundRetentionDays);
        var tenants = await db.Tenants.Select(t => (Guid?)t.Id).ToListAsync(cancellationToken);
        var (messages, replies) = (0, 0);
        foreach (var tenant in tenants)
        {
            messages += await BatchDeletes.DeleteAsync(
                db.Messages.Where(m => m.TenantId == tenant && m.CreatedAt < messagesBefore && m.Status != MessageStatus.Queued).OrderBy(m => m.CreatedAt),
                cancellationToken);
        }
        // Replies that matched no signature have no tenant.
        foreach (var tenant in tenants.Append(null))
        {
            replies += await BatchDeletes.DeleteAsync(
                db.InboundMessages.Where(m => m.TenantId == tenant && m.ReceivedAt < repliesBefore).OrderBy(m => m.ReceivedAt), cancellationToken);
        }
        return (messages, replies);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "{Count} delivery receipts found no message within {Hours} h and were dropped.")]
        public static partial void UnmatchedReceipts(ILogger logger, int count, int hours);

        [LoggerMessage(2, LogLevel.Debug, "Forgot {Count} carrier message ids past the receipt window.")]
        public static partial void Pruned(ILogger logger, int count);

        [LoggerMessage(5, LogLevel.Information, "Deleted {Messages} messages older than {MessageDays} days and {Replies} replies older than {ReplyDays} days.")]
        public static partial void LogPruned(ILogger logger, int messages, int messageDays, int replies, int replyDays);

        [LoggerMessage(4, LogLevel.Warning, "{Count} long replies were missing parts after an hour and were filed as they arrived.")]
        public static partial void IncompleteReplies(ILogger logger, int count);
    }
}
