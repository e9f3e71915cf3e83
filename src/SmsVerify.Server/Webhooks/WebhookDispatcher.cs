using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Security;

namespace SmsVerify.Server.Webhooks;

/// <summary>
/// Posts due deliveries, one claim at a time (a batch for status events), so several nodes can run it: a claim is a conditional update of
/// <see cref="WebhookDelivery.LockedUntil"/>, which expires if its node dies mid-attempt.
/// </summary>
internal sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes, IHttpClientFactory httpClients, WebhookOutbox outbox, WebhookHandover handover, WriteBatcher writes,
    PersonalData sealing, WebhookBodies bodies, WebhookMetrics metrics, TimeProvider clock, IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger) : PollingWorker(outbox, logger)
{
    public const string HttpClientName = "webhooks";

    /// <summary>
    /// Status changes come by the thousand: a tenant's due ones are posted together as one JSON array of events (as
    /// carriers' status reports are), up to <see cref="MaxStatusBatch"/> a request. Other events go one at a time.
    /// </summary>
    public const string BatchedEvent = Messages.MessageView.StatusEvent;
    public const int MaxStatusBatch = 100;

    protected override int BatchSize => 20;

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    // About a day in all, with the first retries soon enough to ride out a deploy on the tenant's side.
    private static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(6),
    ];

    private readonly WebhookAttempts _attempts = new();
    private DateTime _lastPoll;

    /// <summary>Posts what was handed over, then attempts every due delivery once; returns how many were due.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var handedOver = await PostHandedOverAsync(db, cancellationToken);
        var now = clock.UtcNowForStorage();
        if (handedOver && !outbox.TakePollWanted() && now - _lastPoll < PollInterval)
        {
            // Woken for events handed over: the outbox itself is read on the poll's interval, not after every batch.
            return 0;
        }
        _lastPoll = now;
        var due = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LockedUntil == null || d.LockedUntil < now))
            .OrderBy(d => d.NextAttemptAt).Take(BatchSize).ToListAsync(cancellationToken);
        var lease = now + options.Value.Timeout * 2;
        foreach (var delivery in due)
        {
            if (delivery.Event == BatchedEvent)
            {
                // Already posted with an earlier one of its tenant's in this round, if the claim finds nothing.
                if (await ClaimStatusBatchAsync(db, delivery.TenantId, now, lease, cancellationToken) is { Count: > 0 } batch)
                {
                    await AttemptAsync(db, batch, cancellationToken);
                }
                continue;
            }
            var claimed = await db.WebhookDeliveries
                .Where(d => d.Id == delivery.Id && d.Status == DeliveryStatus.Pending && (d.LockedUntil == null || d.LockedUntil < now))
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.LockedUntil, lease), cancellationToken);
            if (claimed == 1)
            {
                await AttemptAsync(db, [delivery], cancellationToken);
            }
        }
        return due.Count;
    }

    /// <summary>
    /// Posts the events handed over by the writes that made them, each tenant's in order, up to
    /// <see cref="MaxStatusBatch"/> a request. One whose lock is nearly over is left to the poll, which takes it
    /// once the lock has run out, so that no event is posted by two dispatchers at once.
    /// </summary>
    private async Task<bool> PostHandedOverAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var waiting = handover.TakeAll();
        if (waiting.Count == 0)
        {
            return false;
        }
        var latest = clock.UtcNowForStorage() + options.Value.Timeout;
        foreach (var tenant in waiting.Where(d => d.LockedUntil > latest).GroupBy(d => d.TenantId))
        {
            foreach (var batch in tenant.Chunk(MaxStatusBatch))
            {
                await AttemptAsync(db, [.. batch], cancellationToken);
            }
        }
        return true;
    }

    /// <summary>
    /// Claims up to <see cref="MaxStatusBatch"/> due <c>message.status</c> events of one tenant in one statement
    /// that returns what it claimed. The outer condition is checked again on each row it locks, so two nodes never
    /// claim the same event.
    /// </summary>
    private static async Task<List<WebhookDelivery>> ClaimStatusBatchAsync(AppDbContext db, Guid tenantId, DateTime now, DateTime lease, CancellationToken cancellationToken)
    {
        var pending = nameof(DeliveryStatus.Pending);
        var claim = db.WebhookDeliveries.FromSql($"""
            UPDATE "webhook_deliveries" SET "LockedUntil" = {lease}
            WHERE "Id" IN (
                SELECT "Id" FROM "webhook_deliveries"
                WHERE "TenantId" = {tenantId} AND "Event" = {BatchedEvent} AND "Status" = {pending} AND "NextAttemptAt" <= {now}
                    AND ("LockedUntil" IS NULL OR "LockedUntil" < {now})
                ORDER BY "NextAttemptAt" LIMIT {MaxStatusBatch})
            AND "Status" = {pending} AND ("LockedUntil" IS NULL OR "LockedUntil" < {now})
            RETURNING *
            """).AsNoTracking();
        if (db is PostgresAppDbContext)
        {
            return await claim.ToListAsync(cancellationToken);
        }
        // A statement read as a query does not take SQLite's in-process write gate; a transaction does. Without it the
        // claim met the write batcher's lock and Microsoft.Data.Sqlite slept on a pool thread until it was free.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await claim.ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    /// <summary>
    /// Posts one event, or a batch of status events as one JSON array, and records the attempt on each, group-committed
    /// with the other writes of the moment.
    /// </summary>
    private async Task AttemptAsync(AppDbContext db, List<WebhookDelivery> deliveries, CancellationToken cancellationToken)
    {
        var first = deliveries[0];
        var endpoint = await Endpoint(db, first.TenantId, cancellationToken);
        deliveries.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        var body = endpoint is null ? null : await bodies.WriteAsync(db, endpoint.Format, deliveries, cancellationToken);
        // No body: the format has no shape for these events (a vendor's receiver is sent final reports only), so they are done.
        var (statusCode, error) = endpoint is null ? (null, "The webhook was removed.")
            : body is null ? ((int?)null, (string?)null)
            : await PostAsync(endpoint, first, body, cancellationToken);
        var attempts = deliveries.Max(d => d.Attempts) + 1;
        var now = clock.UtcNowForStorage();
        var delivered = error is null;
        var giveUp = !delivered && (endpoint is null || attempts >= options.Value.MaxAttempts);
        var status = delivered ? DeliveryStatus.Delivered : giveUp ? DeliveryStatus.Failed : DeliveryStatus.Pending;
        var next = delivered || giveUp ? now : now + Jittered(Backoff[Math.Min(attempts - 1, Backoff.Length - 1)]);
        metrics.Attempted(deliveries, delivered, giveUp, now);
        await writes.WriteAsync(_attempts, new WebhookAttempt(deliveries.ConvertAll(d => d.Id), status, attempts, next, statusCode, error, delivered ? now : null));
        if (!delivered)
        {
            Log.AttemptFailed(logger, first.Id, deliveries.Count, attempts, giveUp, error);
        }
    }

    // Compiled: read for every request the dispatcher posts.
    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<WebhookEndpoint?>> Endpoint =
        EF.CompileAsyncQuery((AppDbContext db, Guid tenantId, CancellationToken _) => db.WebhookEndpoints.AsNoTracking().FirstOrDefault(e => e.TenantId == tenantId));

    private async Task<(int? StatusCode, string? Error)> PostAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        var secret = sealing.Unseal(endpoint.TenantId, endpoint.SecretSealed);
        request.Headers.Add(WebhookSigner.Header, WebhookSigner.Sign(secret, body));
        request.Headers.Add("SmsVerify-Event", delivery.Event);
        request.Headers.Add("SmsVerify-Delivery", delivery.Id.ToString());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? (code, null) : (code, $"The endpoint answered {code}.");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var reason = e is OperationCanceledException ? $"No answer within {options.Value.Timeout.TotalSeconds:0} s." : e.Message;
            return (null, reason.Length > 300 ? reason[..300] : reason);
        }
    }

    private static TimeSpan Jittered(TimeSpan delay) => delay * (0.9 + (Random.Shared.NextDouble() * 0.2));

    private static partial class Log
    {
        [LoggerMessage(2, LogLevel.Information, "Webhook delivery {DeliveryId} ({Events} events) attempt {Attempt} failed (given up: {GivenUp}): {Error}")]
        public static partial void AttemptFailed(ILogger logger, Guid deliveryId, int events, int attempt, bool givenUp, string? error);
    }
}
