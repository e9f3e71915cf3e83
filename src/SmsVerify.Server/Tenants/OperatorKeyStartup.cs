using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Tenants;

/// <summary>
/// Makes sure someone can administer the platform: with no configured operator key and no operator key in the
/// database, one is generated, printed once, and stored only as its hash.
/// </summary>
internal static partial class OperatorKeyStartup
{
    public static async Task EnsureAsync(AppDbContext db, AuditTrail audit, OperatorOptions options, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(options.ApiKey) || await db.ApiKeys.AnyAsync(k => k.Role == OperatorOptions.AdminRole, cancellationToken))
        {
            return;
        }
        var key = ApiKeySecrets.New(ApiKeySecrets.OperatorPrefix);
        var row = new ApiKey
        {
            Role = OperatorOptions.AdminRole,
            Hash = ApiKeySecrets.Hash(key),
            Prefix = ApiKeySecrets.Prefix(key),
            CreatedAt = clock.UtcNowForStorage(),
        };
        db.ApiKeys.Add(row);
        await audit.SaveChangesAsync(db, new AuditEntry("operator_key.generated", $"api_key:{row.Id}", Detail: "role=admin"), cancellationToken);
        // Straight to the console as well as the log: this is the only time the key exists in clear.
        Console.WriteLine($"""

            Operator API key (shown once; store it now, only its hash is kept):

                {key}

            """);
        LogGenerated(logger);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generated the operator API key and printed it to the console. Set Operator:ApiKey to choose your own.")]
    private static partial void LogGenerated(ILogger logger);
}
