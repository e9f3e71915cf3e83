using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Infrastructure.Security;

internal static class SecurityStartup
{
    private const string MasterKeyName = "master";

    /// <summary>
    /// The configured master key, else the one in the database, else a new one saved there; plus the keys that only
    /// open: the accepted ones, and a stored key that a configured one replaces (so moving from the generated key to
    /// a configured one is a rotation like any other).
    /// </summary>
    public static async Task InitializeAsync(AppDbContext db, SecurityOptions options, ServerKeys keys, TimeProvider clock, CancellationToken cancellationToken)
    {
        var accepted = options.AcceptedMasterKeys.Select(key => Decode(key, "Security:AcceptedMasterKeys")).ToList();
        var stored = await db.ServerSecrets.AsNoTracking().FirstOrDefaultAsync(s => s.Name == MasterKeyName, cancellationToken);
        byte[] current;
        if (!string.IsNullOrEmpty(options.MasterKey))
        {
            current = Decode(options.MasterKey, "Security:MasterKey");
            if (stored is not null)
            {
                accepted.Add(stored.Value);
            }
        }
        else
        {
            current = (stored ?? await StoreNewAsync(db, clock, cancellationToken)).Value;
        }
        keys.Initialize(current, accepted.Where(key => !key.AsSpan().SequenceEqual(current)).DistinctBy(Convert.ToBase64String).ToList());
    }

    private static byte[] Decode(string base64, string setting)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{setting} must be base64.");
        }
        return key.Length >= 32 ? key : throw new InvalidOperationException($"{setting} must be the base64 of at least 32 random bytes.");
    }

    private static async Task<ServerSecret> StoreNewAsync(AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        // A database that already holds tenants had a key; a new one would open none of their sealed values.
        if (await db.Tenants.AnyAsync(cancellationToken))
        {
            throw new InvalidOperationException(
                "Security:MasterKey is not set and the database keeps no master key, but it holds data sealed under one: set Security:MasterKey to that key.");
        }
        var stored = new ServerSecret { Name = MasterKeyName, Value = RandomNumberGenerator.GetBytes(32), CreatedAt = clock.UtcNowForStorage() };
        db.ServerSecrets.Add(stored);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return stored;
        }
        catch (DbUpdateException)
        {
            // Another node starting at the same moment saved its key first; everyone uses that one.
            db.ChangeTracker.Clear();
            return await db.ServerSecrets.FindAsync([MasterKeyName], cancellationToken) ?? throw new InvalidOperationException("Master key vanished.");
        }
    }
}
