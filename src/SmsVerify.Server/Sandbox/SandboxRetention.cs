using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Sandbox;

/// <summary>
/// Hourly: clears the whole texts (codes included) that test numbers received more than
/// <see cref="SandboxOptions.TextRetentionHours"/> ago, so an inbox holds only recent codes. Tenant by tenant, over
/// the tenants that have test numbers, so each statement reads one tenant's range of the log's (tenant, time) index.
/// </summary>
internal sealed partial class SandboxRetention(IServiceScopeFactory scopes, IOptions<SandboxOptions> options, TimeProvider clock, ILogger<SandboxRetention> logger)
    : HourlyJob(scopes, clock, logger)
{
    protected override async Task RunAsync(IServiceProvider services, AppDbContext db, CancellationToken cancellationToken)
    {
        var before = Clock.UtcNowForStorage() - TimeSpan.FromHours(options.Value.TextRetentionHours);
        var tenants = await db.SandboxNumbers.Select(n => n.TenantId).Distinct().ToListAsync(cancellationToken);
        var cleared = 0;
        foreach (var tenant in tenants)
        {
            cleared += await db.Messages.Where(m => m.TenantId == tenant && m.CreatedAt < before && m.SandboxText != null)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.SandboxText, (string?)null), cancellationToken);
        }
        Log.Cleared(logger, cleared, options.Value.TextRetentionHours);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Cleared {Count} texts that test numbers received more than {Hours} hours ago.")]
        public static partial void Cleared(ILogger logger, int count, int hours);
    }
}
