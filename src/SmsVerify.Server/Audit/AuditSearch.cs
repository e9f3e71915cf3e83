using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Audit;

/// <summary>
/// What to look for in the trail: an exact target or actor, actions starting with a prefix (<c>risk.</c>), a time range
/// (from inclusive, to exclusive) and a sequence cursor.
/// </summary>
public sealed record AuditFilter(string? Target = null, string? Actor = null, string? ActionPrefix = null, DateTime? From = null, DateTime? To = null,
    long? After = null, long? Before = null);

/// <summary>
/// The chain recomputed: valid, how many records fit, and where it first breaks. Once records were pruned it is
/// checked from <paramref name="VerifiedFrom"/>, the record after <paramref name="PrunedThrough"/>, which must chain to
/// <paramref name="AnchorHash"/> (the last pruned record's hash, also the last hash in its export file).
/// </summary>
public sealed record ChainVerification(bool Valid, long Records, long? BrokenAt, string? Reason, long VerifiedFrom, long? PrunedThrough, string? AnchorHash);

/// <summary>Searching, exporting and verifying the audit trail, for the JSON API and the console alike.</summary>
public static class AuditSearch
{
    public const int MaxPage = 500;
    public const int MaxTargetLength = 100;
    public const int MaxActorLength = 100;
    public const int MaxActionLength = 64;

    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    /// <summary>The filter's fields within the columns' lengths, or the field at fault.</summary>
    public static ApiError? Check(AuditFilter filter) =>
        filter.Target is { Length: > MaxTargetLength } ? ProblemTypes.Invalid("target", $"target is at most {MaxTargetLength} characters.")
        : filter.Actor is { Length: > MaxActorLength } ? ProblemTypes.Invalid("actor", $"actor is at most {MaxActorLength} characters.")
        : filter.ActionPrefix is { Length: > MaxActionLength } ? ProblemTypes.Invalid("action", $"action is at most {MaxActionLength} characters.")
        : null;

    /// <summary>The matching records, oldest first, or newest first when <paramref name="newestFirst"/>.</summary>
    public static IQueryable<AuditRecord> Matching(AppDbContext db, AuditFilter filter, bool newestFirst = false)
    {
        var query = db.AuditRecords.AsNoTracking();
        if (!string.IsNullOrEmpty(filter.Target))
        {
            query = query.Where(r => r.Target == filter.Target);
        }
        if (!string.IsNullOrEmpty(filter.Actor))
        {
            query = query.Where(r => r.Actor == filter.Actor);
        }
        if (!string.IsNullOrEmpty(filter.ActionPrefix))
        {
            query = query.Where(r => r.Action.StartsWith(filter.ActionPrefix));
        }
        if (filter.From is { } since)
        {
            var utc = since.ToUniversalTime();
            query = query.Where(r => r.At >= utc);
        }
        if (filter.To is { } until)
        {
            var utc = until.ToUniversalTime();
            query = query.Where(r => r.At < utc);
        }
        if (filter.After is { } after)
        {
            query = query.Where(r => r.Sequence > after);
        }
        if (filter.Before is { } before)
        {
            query = query.Where(r => r.Sequence < before);
        }
        return newestFirst ? query.OrderByDescending(r => r.Sequence) : query.OrderBy(r => r.Sequence);
    }

    /// <summary>Every matching record, one JSON object per line, streamed: an export never holds the table in memory.</summary>
    public static IResult Export(AppDbContext db, AuditFilter filter, JsonSerializerOptions json, string? fileName = null) =>
        Results.Stream(async stream =>
        {
            await foreach (var record in Matching(db, filter).AsAsyncEnumerable())
            {
                await JsonSerializer.SerializeAsync(stream, AuditRecordView.From(record), json);
                await stream.WriteAsync(NewLine);
            }
        }, "application/x-ndjson", fileName);

    /// <summary>
    /// Recomputes the chain from its start (the first record, or the one after the newest anchor once records were
    /// pruned) and names the first record that does not fit.
    /// </summary>
    public static async Task<ChainVerification> VerifyAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var anchor = await AuditPruning.LatestAnchorAsync(db, cancellationToken);
        var verification = await VerifyFromAsync(db, anchor, cancellationToken);
        if (verification.Valid)
        {
            return verification;
        }
        // A prune that committed between reading the anchor and the records makes the chain look cut: read both again.
        var latest = await AuditPruning.LatestAnchorAsync(db, cancellationToken);
        return latest?.Sequence == anchor?.Sequence ? verification : await VerifyFromAsync(db, latest, cancellationToken);
    }

    private static async Task<ChainVerification> VerifyFromAsync(AppDbContext db, AuditAnchor? anchor, CancellationToken cancellationToken)
    {
        var walk = new AuditChainWalk(anchor);
        var from = walk.Expected;
        var hash = anchor is null ? null : Convert.ToHexStringLower(anchor.Hash);
        await foreach (var record in db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (walk.Step(record) is { } broken)
            {
                return new ChainVerification(false, walk.Expected - from, record.Sequence, $"Record {record.Sequence}: {broken}.", from, anchor?.Sequence, hash);
            }
        }
        return new ChainVerification(true, walk.Expected - from, null, null, from, anchor?.Sequence, hash);
    }
}
