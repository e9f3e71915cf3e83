using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Infrastructure.Security;

/// <summary>What one pass of re-sealing did to one kind of value.</summary>
public readonly record struct ResealTally(int Resealed, int Unreadable)
{
    public static ResealTally operator +(ResealTally a, ResealTally b) => new(a.Resealed + b.Resealed, a.Unreadable + b.Unreadable);
}

/// <summary>
/// One kind of value a feature keeps sealed under a key derived from the master key. Each feature registers its
/// own as a singleton <see cref="SealedValues"/>, so <see cref="MasterKeyRotation"/> re-seals them all without
/// knowing any feature.
/// </summary>
public abstract class SealedValues(string name)
{
    /// <summary>What they are, for the log: "operator second-factor secrets".</summary>
    public string Name => name;

    /// <summary>Re-seals under the current key every value an older key sealed.</summary>
    public abstract Task<ResealTally> ResealAsync(AppDbContext db, ServerKeys keys, CancellationToken cancellationToken);
}

/// <summary>A sealed value in the database: its row, the bytes, and the id it is bound to (the associated data).</summary>
public sealed record SealedRow(Guid Id, byte[] Sealed, Guid Owner);

/// <summary>
/// Writes <paramref name="resealed"/> (and whatever else depends on the <paramref name="plain"/> value) only where the
/// row still holds <see cref="SealedRow.Sealed"/>, so a value that changed meanwhile (a new TOTP secret, a text cleared
/// once submitted) is never overwritten with an older one. Returns the rows changed.
/// </summary>
public delegate Task<int> ReplaceSealed(AppDbContext db, SealedRow row, byte[] resealed, byte[] plain, ServerKeys keys);

/// <summary>A column of sealed values, read in pages ordered by row, each bound to the id <see cref="SealedRow.Owner"/>.</summary>
public sealed class SealedColumn(
    string name, Func<ServerKeys, KeyRing> ring, Func<AppDbContext, IQueryable<SealedRow>> rows, ReplaceSealed replace) : SealedValues(name)
{
    private const int Page = 500;

    public override async Task<ResealTally> ResealAsync(AppDbContext db, ServerKeys keys, CancellationToken cancellationToken)
    {
        var tally = new ResealTally();
        for (var offset = 0; ; offset += Page)
        {
            var page = await rows(db).Skip(offset).Take(Page).AsNoTracking().ToListAsync(cancellationToken);
            foreach (var row in page)
            {
                var owner = row.Owner.ToByteArray();
                if (!Sealing.TryOpen(ring(keys), row.Sealed, owner, out var plain, out var keyIndex))
                {
                    tally += new ResealTally(0, 1);
                }
                else if (keyIndex > 0)
                {
                    tally += new ResealTally(await replace(db, row, Sealing.Seal(ring(keys), plain, owner), plain, keys), 0);
                }
            }
            if (page.Count < Page)
            {
                return tally;
            }
        }
    }
}
