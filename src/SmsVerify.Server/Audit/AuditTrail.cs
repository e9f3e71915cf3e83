using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Audit;

/// <summary>
/// What happened to what: <c>tenant.created</c> on <c>tenant:{id}</c>, and so on. <paramref name="Actor"/> names a
/// rule that decided on its own (<c>system:…</c>) instead of the request's caller.
/// </summary>
public sealed record AuditEntry(string Action, string Target, Guid? TenantId = null, string? Detail = null, string? Actor = null);

/// <summary>An entry with who asked for it, taken while the request is at hand (a batch writes it later).</summary>
public sealed record AuditStamp(AuditEntry Entry, string Actor, string? RequestId);

/// <summary>
/// Writes a change and its audit record in one transaction. Appends are serialised (an advisory lock on
/// PostgreSQL; SQLite's single writer), so records are numbered and chained in commit order on every engine,
/// however many requests and nodes write at once.
/// </summary>
public sealed class AuditTrail(TimeProvider clock, IHttpContextAccessor http)
{
    // Any constant works; it only has to be the same on every node.
    private const long PostgresLockKey = 0x5356_4155_4449_5401;

    /// <summary>Saves the context's pending changes together with the audit record.</summary>
    public Task SaveChangesAsync(AppDbContext db, AuditEntry entry, CancellationToken cancellationToken) =>
        RunAsync(db, () => Task.FromResult((0, (AuditEntry?)entry)), cancellationToken);

    /// <summary>
    /// Runs <paramref name="change"/> (which may use ExecuteUpdate or ExecuteDelete), saves pending changes and
    /// appends the entry the change returns, if any: all or nothing.
    /// </summary>
    public async Task<T> RunAsync<T>(AppDbContext db, Func<Task<(T Result, AuditEntry? Entry)>> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(db, cancellationToken);
        var (result, entry) = await change();
        if (entry is not null)
        {
            await AppendAsync(db, [Stamp(entry)], clock.UtcNowForStorage(), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>The entry with the current request's caller and id.</summary>
    public AuditStamp Stamp(AuditEntry entry) => new(entry, entry.Actor ?? CurrentActor, http.HttpContext?.TraceIdentifier);

    /// <summary>Who is acting in the current request, as the trail names it.</summary>
    public string CurrentActor => Actor(http.HttpContext?.User);

    /// <summary>Takes the append lock for the rest of the transaction (SQLite's write lock already is one).</summary>
    public static async Task LockAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", cancellationToken);
        }
    }

    private sealed record Last(long Sequence, byte[] Hash);

    /// <summary>
    /// Writes the records after the last one, inside the caller's transaction; the caller holds the lock. Every batch
    /// of sends appends, so the read is SQL kept prepared on the writer's connection and the records go as one
    /// multi-row INSERT.
    /// </summary>
    public static async Task AppendAsync(AppDbContext db, IEnumerable<AuditStamp> stamps, DateTime at, CancellationToken cancellationToken)
    {
        var read = new SqlBatch(db);
        read.Add($"""SELECT "Sequence", "Hash" FROM "audit_records" ORDER BY "Sequence" DESC LIMIT 1""");
        var last = (await read.ReadFirstAsync(row => new Last(row.GetInt64(0), (byte[])row.GetValue(1))))[0];
        var sequence = last?.Sequence ?? 0;
        var previous = last?.Hash ?? AuditChain.Genesis;
        var records = new List<AuditRecord>();
        foreach (var (entry, actor, requestId) in stamps)
        {
            sequence++;
            var hash = AuditChain.HashOf(sequence, at, actor, entry.TenantId, entry.Action, entry.Target, requestId, entry.Detail, previous);
            records.Add(new AuditRecord
            {
                Sequence = sequence,
                At = at,
                Actor = actor,
                TenantId = entry.TenantId,
                Action = entry.Action,
                Target = entry.Target,
                RequestId = requestId,
                Detail = entry.Detail,
                PreviousHash = previous,
                Hash = hash,
            });
            previous = hash;
        }
        await RowInserts.InsertAsync(db, records);
    }

    /// <summary>Who acted: the key, and the tenant or operator role behind it.</summary>
    private static string Actor(ClaimsPrincipal? user)
    {
        if (user?.FindFirstValue(Caller.OperatorClaim) is { } person)
        {
            return Caller.PersonActor(person);
        }
        if (user?.FindFirstValue(TenantPeople.TenantConsoleAuth.UserClaim) is { } tenantUser)
        {
            return $"tenant:{user.FindFirstValue(Caller.TenantClaim)}/user:{tenantUser}";
        }
        if (user?.FindFirstValue(Caller.KeyClaim) is not { } key)
        {
            return "system";
        }
        return user.FindFirstValue(Caller.TenantClaim) is { } tenant
            ? $"tenant:{tenant}/key:{key}"
            : $"{user.FindFirstValue(ClaimTypes.Role)}:key:{key}";
    }
}
