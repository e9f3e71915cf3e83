using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// Moves queued messages to carriers: claims a batch, submits them side by side (enough to keep the channels'
/// windows full) and records each outcome. Every node runs one; leases keep them from taking the same message.
/// </summary>
internal sealed partial class DeliveryWorker(
    IServiceScopeFactory scopes, DeliveryAttempt attempt, DeliverySignal signal, IOptions<DeliveryOptions> options, TimeProvider clock,
    ILogger<DeliveryWorker> logger)
    : PollingWorker(signal, logger)
{
    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override int BatchSize => options.Value.BatchSize;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.RunWorker ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;

    /// <summary>Claims and submits one batch; returns how many were claimed.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        List<MessageRecord> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            claimed = await MessageClaims.ClaimAsync(db, options.Value.BatchSize, clock.UtcNowForStorage(), options.Value.Lease, cancellationToken);
        }
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(claimed, parallel, async (message, token) =>
        {
            try
            {
                await attempt.RunAsync(message, token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Left claimed: when the lease ends it is retried, marked as possibly sent.
                Log.AttemptFailed(logger, message.Id, e);
            }
        });
        return claimed.Count;
    }

    private static partial class Log
    {
        [LoggerMessage(2, LogLevel.Error, "Submitting message {MessageId} failed unexpectedly; it is retried when its lease ends.")]
        public static partial void AttemptFailed(ILogger logger, Guid messageId, Exception exception);
    }
}
