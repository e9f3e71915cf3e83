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

/// <summary>The chain recomputed: valid, how many records fit, and where it first breaks.</summary>
public sealed record ChainVerification(bool Valid, long Records, long? BrokenAt, string? Reason);

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

    /// <summary>Recomputes the chain from the first record and names the first one that does not fit.</summary>
    public static async Task<ChainVerification> VerifyAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        long expected = 1;
        var previous = AuditChain.Genesis;
        await foreach (var record in db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var broken = record.Sequence != expected ? $"expected record {expected}, found {record.Sequence} (a record is missing)"
                : !record.PreviousHash.AsSpan().SequenceEqual(previous) ? "its previous hash is not the hash of the record before it"
                : !AuditChain.HashOf(record).AsSpan().SequenceEqual(record.Hash) ? "its content does not match its hash (it was altered)"
                : null;
            if (broken is not null)
            {
                return new ChainVerification(false, expected - 1, record.Sequence, $"Record {record.Sequence}: {broken}.");
            }
            previous = record.Hash;
            expected++;
        }
        return new ChainVerification(true, expected - 1, null, null);
    }
}
