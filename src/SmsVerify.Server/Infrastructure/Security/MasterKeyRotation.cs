using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Infrastructure.Security;

/// <summary>
/// Hourly while a master key other than the current one is known: re-seals every value an older key sealed, so that
/// key can be forgotten. Values change only where they still hold the bytes read, so the pass is safe on several
/// nodes at once and beside requests. The log says when nothing is left under an older key.
/// </summary>
public sealed partial class MasterKeyRotation(
    IServiceScopeFactory scopes, ServerKeys keys, IEnumerable<SealedValues> sealedValues, TimeProvider clock, ILogger<MasterKeyRotation> logger)
    : HourlyJob(scopes, clock, logger)
{
    /// <summary>One pass over every kind of sealed value.</summary>
    public async Task<ResealTally> ResealAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var total = new ResealTally();
        foreach (var values in sealedValues)
        {
            var tally = await values.ResealAsync(db, keys, cancellationToken);
            if (tally.Resealed > 0)
            {
                Log.Resealed(logger, tally.Resealed, values.Name);
            }
            if (tally.Unreadable > 0)
            {
                Log.Unreadable(logger, tally.Unreadable, values.Name);
            }
            total += tally;
        }
        if (total.Unreadable == 0)
        {
            Log.Done(logger);
        }
        return total;
    }

    protected override async Task RunAsync(IServiceProvider services, AppDbContext db, CancellationToken cancellationToken)
    {
        if (keys.HasOlder)
        {
            await ResealAsync(db, cancellationToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Re-sealed {Count} {Kind} under the current master key.")]
        public static partial void Resealed(ILogger logger, int count, string kind);

        [LoggerMessage(2, LogLevel.Warning, "{Count} {Kind} open under no known master key; they stay as they are.")]
        public static partial void Unreadable(ILogger logger, int count, string kind);

        [LoggerMessage(3, LogLevel.Information,
            "Every sealed value is under the current master key: the older keys can be removed from Security:AcceptedMasterKeys.")]
        public static partial void Done(ILogger logger);
    }
}
