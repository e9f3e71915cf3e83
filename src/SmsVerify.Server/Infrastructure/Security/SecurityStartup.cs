using System.Security.Cryptography;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Infrastructure.Security;

internal static class SecurityStartup
{
    private const string MasterKeyName = "master";

    /// <summary>The configured master key, else the one in the database, else a new one saved there.</summary>
    public static async Task InitializeAsync(AppDbContext db, SecurityOptions options, ServerKeys keys, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(options.MasterKey))
        {
            var configured = Convert.FromBase64String(options.MasterKey);
            if (configured.Length < 32)
            {
                throw new InvalidOperationException("Security:MasterKey must be the base64 of at least 32 random bytes.");
            }
            keys.Initialize(configured);
            return;
        }
        var stored = await db.ServerSecrets.FindAsync([MasterKeyName], cancellationToken);
        if (stored is null)
        {
            stored = new ServerSecret { Name = MasterKeyName, Value = RandomNumberGenerator.GetBytes(32), CreatedAt = clock.UtcNowForStorage() };
            db.ServerSecrets.Add(stored);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                // Another node starting at the same moment saved its key first; everyone uses that one.
                db.ChangeTracker.Clear();
                stored = await db.ServerSecrets.FindAsync([MasterKeyName], cancellationToken) ?? throw new InvalidOperationException("Master key vanished.");
            }
        }
        keys.Initialize(stored.Value);
    }
}
