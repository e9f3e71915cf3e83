using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Verification;

/// <summary>
/// Hourly: deletes finished verifications that started before <see cref="VerificationOptions.RetentionDays"/>. A job
/// of the verification feature rather than a step of the message log's job, so that messages need not know about
/// verifications; no other table refers to a verification by key (a message keeps its id, and shows none once it
/// is gone), so a row goes whole.
/// </summary>
/// <remarks>
/// Finished is as clients see it (<see cref="VerificationRecord.StatusAt"/>): a pending verification whose code
/// has expired is expired, whether or not a check ever wrote so, and one whose code still counts is never deleted.
/// The rows go in batches (<see cref="BatchDeletes"/>), oldest first, over the <c>CreatedAt</c> index the pumping detector reads: that
/// is the one index that orders verifications by time, and its range before the retention holds only rows to
/// delete, so one range serves every tenant. Going tenant by tenant over it would read the other tenants' old rows
/// again for each tenant.
/// </remarks>
internal sealed partial class VerificationRetention(
    IServiceScopeFactory scopes, IOptions<VerificationOptions> options, TimeProvider clock, ILogger<VerificationRetention> logger)
    : HourlyJob(scopes, clock, logger)
{
    protected override async Task RunAsync(IServiceProvider services, AppDbContext db, CancellationToken cancellationToken)
    {
        var now = Clock.UtcNowForStorage();
        var before = now - TimeSpan.FromDays(options.Value.RetentionDays);
        var total = await BatchDeletes.DeleteAsync(
            db.Verifications.Where(v => v.CreatedAt < before && (v.Status != VerificationStatus.Pending || v.ExpiresAt <= now)).OrderBy(v => v.CreatedAt),
            cancellationToken);
        if (total > 0)
        {
            Log.Deleted(logger, total, options.Value.RetentionDays);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Deleted {Count} finished verifications older than {Days} days.")]
        public static partial void Deleted(ILogger logger, int count, int days);
    }
}
