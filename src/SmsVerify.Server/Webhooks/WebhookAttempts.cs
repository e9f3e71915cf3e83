using System.Runtime.CompilerServices;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Webhooks;

/// <summary>What one request to a tenant's webhook did to the deliveries it carried.</summary>
internal sealed record WebhookAttempt(
    List<Guid> Deliveries, DeliveryStatus Status, int Attempts, DateTime NextAttemptAt, int? StatusCode, string? Error, DateTime? DeliveredAt);

/// <summary>
/// Records attempts a batch at a time, so that the dispatcher's bookkeeping shares the write batcher's commits
/// instead of taking turns with them at SQLite's one writer. On PostgreSQL an attempt is one statement for all the
/// deliveries it carried (a status batch carries up to a hundred) and the batch one round trip; SQLite takes one
/// statement a delivery, kept prepared on the writer's connection, which in process costs about as little.
/// </summary>
internal sealed class WebhookAttempts : ISetWrite<WebhookAttempt>
{
    private const string Update = """
        UPDATE "webhook_deliveries" SET "Status" = {0}, "Attempts" = {1}, "NextAttemptAt" = {2},
            "LockedUntil" = NULL, "LastStatusCode" = {3}, "LastError" = {4}, "DeliveredAt" = {5}
        """;

    private const string OfAll = Update + """ WHERE "Id" = ANY({6}) RETURNING "Id" """;
    private const string OfOne = Update + """ WHERE "Id" = {6} RETURNING "Id" """;

    public async Task RunAsync(AppDbContext db, IReadOnlyList<WebhookAttempt> attempts)
    {
        var batch = new SqlBatch(db);
        var postgres = db is PostgresAppDbContext;
        foreach (var attempt in attempts)
        {
            object?[] values = [attempt.Status.ToString(), attempt.Attempts, attempt.NextAttemptAt, attempt.StatusCode, attempt.Error, attempt.DeliveredAt, null];
            if (postgres)
            {
                values[^1] = attempt.Deliveries.ToArray();
                batch.Add(FormattableStringFactory.Create(OfAll, values));
                continue;
            }
            foreach (var id in attempt.Deliveries)
            {
                values[^1] = id;
                batch.Add(FormattableStringFactory.Create(OfOne, [.. values]));
            }
        }
        await batch.ReadFirstAsync(row => row.GetGuid(0));
    }
}
