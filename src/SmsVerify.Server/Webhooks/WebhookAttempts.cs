using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Webhooks;

/// <summary>What one request to a tenant's webhook did to the deliveries it carried.</summary>
internal sealed record WebhookAttempt(
    List<Guid> Deliveries, DeliveryStatus Status, int Attempts, DateTime NextAttemptAt, int? StatusCode, string? Error, DateTime? DeliveredAt);

/// <summary>
/// Records attempts a batch at a time, one statement a delivery (kept prepared on the writer's connection on SQLite,
/// one round trip on PostgreSQL), so that the dispatcher's bookkeeping shares the write batcher's commits instead of
/// taking turns with them at SQLite's one writer.
/// </summary>
internal sealed class WebhookAttempts : ISetWrite<WebhookAttempt>
{
    public async Task RunAsync(AppDbContext db, IReadOnlyList<WebhookAttempt> attempts)
    {
        var batch = new SqlBatch(db);
        foreach (var attempt in attempts)
        {
            var status = attempt.Status.ToString();
            foreach (var id in attempt.Deliveries)
            {
                batch.Add($"""
                    UPDATE "webhook_deliveries" SET "Status" = {status}, "Attempts" = {attempt.Attempts}, "NextAttemptAt" = {attempt.NextAttemptAt},
                        "LockedUntil" = NULL, "LastStatusCode" = {attempt.StatusCode}, "LastError" = {attempt.Error}, "DeliveredAt" = {attempt.DeliveredAt}
                    WHERE "Id" = {id}
                    RETURNING "Id"
                    """);
            }
        }
        await batch.ReadFirstAsync(row => row.GetGuid(0));
    }
}
