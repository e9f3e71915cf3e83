using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Database;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace SmsVerify.Server.Audit;

/// <summary>
/// Hourly, when <see cref="AuditOptions.RetentionDays"/> is set: exports the records older than that to
/// <see cref="AuditOptions.ExportPath"/> and deletes them (<see cref="AuditPruning"/>). A failed export deletes
/// nothing; the job logs it and tries again at the next hour.
/// </summary>
internal sealed partial class AuditRetention(
    IServiceScopeFactory scopes, IOptions<AuditOptions> options, IOptions<JsonOptions> json, TimeProvider clock, ILogger<AuditRetention> logger)
    : HourlyJob(scopes, clock, logger)
{
    protected override Task RunAsync(IServiceProvider services, AppDbContext db, CancellationToken cancellationToken) =>
        options.Value.RetentionDays == 0 ? Task.CompletedTask : PruneAsync(db, cancellationToken);

    /// <summary>One run now, for tests that cannot wait for the hour.</summary>
    internal Task RunNowAsync(AppDbContext db, CancellationToken cancellationToken) => RunAsync(null!, db, cancellationToken);

    private async Task PruneAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var now = Clock.UtcNowForStorage();
        var directory = Path.GetFullPath(options.Value.ExportPath);
        var anchors = await AuditPruning.PruneAsync(db, directory, now - TimeSpan.FromDays(options.Value.RetentionDays), now,
            json.Value.SerializerOptions, cancellationToken);
        foreach (var anchor in anchors)
        {
            Log.Pruned(logger, anchor.FromSequence, anchor.Sequence, Path.Combine(directory, anchor.FileName));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Exported audit records {From} to {To} to {File} and deleted them.")]
        public static partial void Pruned(ILogger logger, long from, long to, string file);
    }
}
