using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Security;
using SmsVerify.Server.Limits;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Compat.Credentials;

/// <summary>
/// A credential in force, opened: who the tenant is and the secret its requests are signed with. The vendor doors
/// act as <see cref="Caller"/>, so everything behind them (limits, audit, billing) sees a tenant as on the native API.
/// </summary>
public sealed record VendorCaller(Guid CredentialId, Guid TenantId, TenantMode Mode, Vendor Vendor, string KeyId, string Secret, string? AppId)
{
    public Caller Caller => new(CredentialId, TenantId, Mode, null);
}

/// <summary>
/// What every vendor door needs to authenticate a request: the credential its id names (cached briefly, like API
/// keys, so a send costs no round trip for it), a constant-time comparison, single-use nonces shared by all nodes,
/// and a count of failed checks per credential for operators.
/// </summary>
public sealed class VendorCredentials(IMemoryCache cache, ClusterCache cluster, ServerKeys keys, ILimitStore limits, IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>How long a node trusts what it read; a revocation applies at once on every node (<see cref="ClusterCache"/>).</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    /// <summary>Nonces longer than this are not remembered (and so refused): real ones are 16 to 64 characters.</summary>
    public const int MaxNonceLength = 128;

    /// <summary>The credential in force with this public id for <paramref name="vendor"/>, or null.</summary>
    public async ValueTask<VendorCaller?> FindAsync(Vendor vendor, string? keyId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(keyId) || keyId.Length > VendorCredentialSecrets.MaxKeyIdLength)
        {
            return null;
        }
        var cacheKey = CacheKey(vendor, keyId);
        if (cache.TryGetValue(cacheKey, out VendorCaller? cached))
        {
            return cached;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await (
                from c in db.VendorCredentials
                where c.KeyId == keyId && c.Vendor == vendor && c.RevokedAt == null
                join t in db.Tenants on c.TenantId equals t.Id
                select new { c.Id, c.TenantId, t.Mode, c.SecretSeal, c.AppId })
            .AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }
        var secret = Encoding.UTF8.GetString(Sealing.Open(keys.CredentialSeal, row.SecretSeal, row.Id.ToByteArray()));
        var caller = new VendorCaller(row.Id, row.TenantId, row.Mode, vendor, keyId, secret, row.AppId);
        cache.Set(cacheKey, caller, CacheFor);
        return caller;
    }

    /// <summary>Every credential's secret, for a master key rotation.</summary>
    public static readonly SealedColumn Sealed = new("vendor credential secrets", keys => keys.CredentialSeal,
        db => db.VendorCredentials.OrderBy(c => c.Id).Select(c => new SealedRow(c.Id, c.SecretSeal, c.Id)),
        (db, row, resealed, _, _) => db.VendorCredentials.Where(c => c.Id == row.Id && c.SecretSeal == row.Sealed)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SecretSeal, resealed)));

    /// <summary>Seals a new secret for the credential row <paramref name="credentialId"/>.</summary>
    public byte[] Seal(Guid credentialId, string secret) =>
        Sealing.Seal(keys.CredentialSeal, Encoding.UTF8.GetBytes(secret), credentialId.ToByteArray());

    /// <summary>Compares a computed signature with the presented one without leaking where they differ.</summary>
    public static bool Matches(string expected, string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(presented));

    /// <summary>
    /// Spends <paramref name="nonce"/> for this credential for <paramref name="window"/> (the vendor's timestamp window):
    /// true the first time on any node, false for a replay, an empty or an overlong nonce.
    /// </summary>
    public ValueTask<bool> SpendNonceAsync(VendorCaller caller, string? nonce, TimeSpan window, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(nonce) || nonce.Length > MaxNonceLength
            ? ValueTask.FromResult(false)
            : limits.TryClaimAsync($"nonce:{caller.Vendor}:{caller.KeyId}:{nonce}", window, clock.GetUtcNow(), cancellationToken);

    /// <summary>Counts a request that named this credential and failed its check; operators see the count.</summary>
    public async Task RecordFailureAsync(VendorCaller caller, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.UtcNowForStorage();
        await db.VendorCredentials.Where(c => c.Id == caller.CredentialId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.FailedAttempts, c => c.FailedAttempts + 1).SetProperty(c => c.LastFailedAt, now), cancellationToken);
    }

    public void Forget(Vendor vendor, string keyId) => cluster.Forget(CacheKey(vendor, keyId));

    private static string CacheKey(Vendor vendor, string keyId) => $"vendor-credential:{vendor}:{keyId}";
}
