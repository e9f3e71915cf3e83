using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Signatures;

/// <summary>
/// Hands out the source-number extension of a new signature: random digits, so the count of signatures does not
/// show, and checked against those in use. The unique index settles the rare race between two nodes.
/// </summary>
public static class SourceExtensions
{
    public const int Length = 6;

    public static async Task<string> NewAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        while (true)
        {
            var candidate = RandomNumberGenerator.GetInt32(100_000, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!await db.Signatures.AnyAsync(s => s.Extension == candidate, cancellationToken))
            {
                return candidate;
            }
        }
    }
}
