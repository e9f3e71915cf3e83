using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Audit;

/// <summary>What happened to what: <c>tenant.created</c> on <c>tenant:{id}</c>, and so on.</summary>
public sealed record AuditEntry(string Action, string Target, Guid? TenantId = null, string? Detail = null);

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
        RunAsync(db, entry, () => Task.FromResult(0), cancellationToken);

    /// <summary>
    /// Runs <paramref name="change"/> (which may use ExecuteUpdate or ExecuteDelete), saves pending changes and
    /// appends the record, all or nothing. The record is written only when the change returns true.
    /// </summary>
    public async Task<T> RunAsync<T>(AppDbContext db, AuditEntry entry, Func<Task<T>> change, CancellationToken cancellationToken, Func<T, bool>? happened = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", cancellationToken);
        }
        var result = await change();
        if (happened?.Invoke(result) ?? true)
        {
            await AppendAsync(db, entry, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task AppendAsync(AppDbContext db, AuditEntry entry, CancellationToken cancellationToken)
    {
        var last = await db.AuditRecords.AsNoTracking().OrderByDescending(r => r.Sequence)
            .Select(r => new { r.Sequence, r.Hash }).FirstOrDefaultAsync(cancellationToken);
        var sequence = (last?.Sequence ?? 0) + 1;
        var previous = last?.Hash ?? AuditChain.Genesis;
        var at = clock.UtcNowForStorage();
        var context = http.HttpContext;
        var actor = Actor(context?.User);
        var requestId = context?.TraceIdentifier;
        db.AuditRecords.Add(new AuditRecord
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
            Hash = AuditChain.HashOf(sequence, at, actor, entry.TenantId, entry.Action, entry.Target, requestId, entry.Detail, previous),
        });
    }

    /// <summary>Who acted: the key, and the tenant or operator role behind it.</summary>
    private static string Actor(ClaimsPrincipal? user)
    {
        if (user?.FindFirstValue(Caller.KeyClaim) is not { } key)
        {
            return "system";
        }
        return user.FindFirstValue(Caller.TenantClaim) is { } tenant
            ? $"tenant:{tenant}/key:{key}"
            : $"{user.FindFirstValue(ClaimTypes.Role)}:key:{key}";
    }
}
