using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Policy;
using SmsVerify.Server.Verification;

namespace SmsVerify.Server.Risk.Pumping;

/// <summary>Verifications a tenant started to one number block in a time range, and how many were approved.</summary>
internal sealed record BlockCounts(Guid TenantId, string Block, int Sends, int Approved)
{
    public bool LooksPumped(PumpingPolicy rule) => Sends >= rule.MinSends && Approved < Sends * rule.ConversionFloor;

    /// <summary>
    /// One aggregate over the window (the verifications' created-at index), grouped by tenant and stored block,
    /// keeping only the groups that look pumped: the rest of the judging runs for these few alone.
    /// </summary>
    public static async Task<List<BlockCounts>> SuspectsAsync(AppDbContext db, DateTime from, DateTime to, PumpingPolicy rule, CancellationToken cancellationToken)
    {
        var (minSends, floor) = (rule.MinSends, rule.ConversionFloor);
        var rows = await db.Verifications.AsNoTracking()
            .Where(v => v.Block != null && v.CreatedAt >= from && v.CreatedAt < to)
            .GroupBy(v => new { v.TenantId, v.Block })
            .Where(g => g.Count() >= minSends && g.Count(v => v.Status == VerificationStatus.Approved) < g.Count() * floor)
            .Select(g => new { g.Key.TenantId, g.Key.Block, Sends = g.Count(), Approved = g.Count(v => v.Status == VerificationStatus.Approved) })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => new BlockCounts(r.TenantId, r.Block!, r.Sends, r.Approved));
    }

    /// <summary>The same counts for one tenant's block (the tenant, block and created-at index).</summary>
    public static async Task<BlockCounts> OfAsync(AppDbContext db, Guid tenantId, string block, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var row = await InRange(db, tenantId, block, from, to).GroupBy(v => 1)
            .Select(g => new { Sends = g.Count(), Approved = g.Count(v => v.Status == VerificationStatus.Approved) })
            .FirstOrDefaultAsync(cancellationToken);
        return new BlockCounts(tenantId, block, row?.Sends ?? 0, row?.Approved ?? 0);
    }

    public static Task<int> SendsAsync(AppDbContext db, Guid tenantId, string block, DateTime from, DateTime to, CancellationToken cancellationToken) =>
        InRange(db, tenantId, block, from, to).CountAsync(cancellationToken);

    private static IQueryable<VerificationRecord> InRange(AppDbContext db, Guid tenantId, string block, DateTime from, DateTime to) =>
        db.Verifications.AsNoTracking().Where(v => v.TenantId == tenantId && v.Block == block && v.CreatedAt >= from && v.CreatedAt < to);
}
