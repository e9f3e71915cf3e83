using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Tenants;

/// <summary>Tenants as operators look them up: by a part of the name, newest first, a bounded page at a time.</summary>
public sealed class TenantDirectory(AppDbContext db)
{
    public const int MaxPage = 200;

    /// <param name="name">A part of the name, any case; blank lists every tenant.</param>
    /// <param name="skip">Rows of earlier pages.</param>
    public async Task<List<TenantView>> ListAsync(string? name, int limit, int skip, CancellationToken cancellationToken)
    {
        var query = db.Tenants.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(name))
        {
            var part = name.Trim();
            part = part.Length > TenantsApi.MaxNameLength ? part[..TenantsApi.MaxNameLength] : part;
            // ToLower on both sides: SQLite's LIKE ignores case for ASCII only, PostgreSQL's not at all.
            var lower = part.ToLowerInvariant();
            query = query.Where(t => t.Name.ToLower().Contains(lower));
        }
        var rows = await query.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id)
            .Skip(Math.Max(skip, 0)).Take(Math.Clamp(limit, 1, MaxPage)).ToListAsync(cancellationToken);
        return rows.ConvertAll(TenantView.From);
    }
}
