using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Verification;

/// <summary>
/// The reads on the send and check paths, compiled once. A LINQ query is translated again on every call (its
/// cache is looked up by walking the expression), which costs several times what SQLite takes to answer it.
/// </summary>
internal static class VerificationQueries
{
    public static readonly Func<AppDbContext, Guid, string, CancellationToken, Task<VerificationRecord?>> Pending =
        EF.CompileAsyncQuery((AppDbContext db, Guid tenantId, string to, CancellationToken _) =>
            db.Verifications.AsNoTracking()
                .Where(v => v.TenantId == tenantId && v.To == to && v.Status == VerificationStatus.Pending)
                .OrderByDescending(v => v.Id)
                .FirstOrDefault());

    public static readonly Func<AppDbContext, Guid, Guid, CancellationToken, Task<VerificationRecord?>> ById =
        EF.CompileAsyncQuery((AppDbContext db, Guid tenantId, Guid id, CancellationToken _) =>
            db.Verifications.AsNoTracking().FirstOrDefault(v => v.Id == id && v.TenantId == tenantId));

    public static readonly Func<AppDbContext, Guid, string, CancellationToken, Task<VerificationRecord?>> LatestTo =
        EF.CompileAsyncQuery((AppDbContext db, Guid tenantId, string to, CancellationToken _) =>
            db.Verifications.AsNoTracking().Where(v => v.TenantId == tenantId && v.To == to).OrderByDescending(v => v.Id).FirstOrDefault());
}
