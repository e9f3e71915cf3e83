using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Limits;

namespace SmsVerify.Server.Compat.Tencent;

/// <summary>
/// What both Pull calls share: the rows of the last <see cref="Lookback"/>, oldest first, each handed out once. Which
/// were handed out is a claim per row in the limits store (shared by all nodes, like nonces), so no column is needed;
/// the claims outlive the lookback, the age past which a row is no longer offered.
/// </summary>
internal static class TencentPulls
{
    public const int MaxLimit = 100;

    /// <summary>Rows older than this are not offered (Tencent keeps pull data for a limited time as well).</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromHours(24);

    /// <summary>The most rows one pull reads, pulled ones included, so a pull stays cheap however much was sent.</summary>
    public const int MaxScan = 2000;

    private const int Page = 200;

    /// <summary>The <c>Limit</c> parameter every Pull call requires.</summary>
    public static int Limit(TencentCall call) =>
        (int)(call.Parameters.Integer("Limit", 1, MaxLimit)
            ?? throw new TencentException(TencentCodes.MissingParameter, $"Limit is required (1 to {MaxLimit})."));

    /// <summary>
    /// Up to <paramref name="limit"/> of <paramref name="rows"/> (ordered, oldest first) not handed out before,
    /// each claimed under <paramref name="claimKey"/> as it is taken.
    /// </summary>
    public static async Task<List<TOut>> TakeOnceAsync<TRow, TOut>(
        IQueryable<TRow> rows, int limit, Func<TRow, string> claimKey, Func<TRow, TOut> entry, ILimitStore limits, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var taken = new List<TOut>(limit);
        for (var scanned = 0; taken.Count < limit && scanned < MaxScan; scanned += Page)
        {
            // Pages by offset: a row added meanwhile may shift one out of sight, and the next pull finds it.
            var page = await rows.Skip(scanned).Take(Page).ToListAsync(cancellationToken);
            foreach (var row in page)
            {
                if (taken.Count < limit && await limits.TryClaimAsync(claimKey(row), 2 * Lookback, now, cancellationToken))
                {
                    taken.Add(entry(row));
                }
            }
            if (page.Count < Page)
            {
                break;
            }
        }
        return taken;
    }
}
