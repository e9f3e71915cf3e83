using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Audit;

public sealed record AuditRecordView(
    long Sequence, DateTime At, string Actor, Guid? TenantId, string Action, string Target, string? RequestId, string? Detail,
    string PreviousHash, string Hash)
{
    public static AuditRecordView From(AuditRecord r) => new(r.Sequence, r.At, r.Actor, r.TenantId, r.Action, r.Target, r.RequestId,
        r.Detail, Convert.ToHexStringLower(r.PreviousHash), Convert.ToHexStringLower(r.Hash));
}

public sealed record ChainVerification(bool Valid, long Records, long? BrokenAt, string? Reason);

/// <summary>The audit trail, for operators who review (admin, auditor): query, export as NDJSON, verify the chain.</summary>
public static class AuditApi
{
    public const int MaxPage = 500;

    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/audit").WithTags("Audit").RequireAuthorization(Policies.Auditor);
        group.MapGet("/", Query);
        group.MapGet("/export", Export);
        group.MapGet("/verify", Verify);
        return group;
    }

    private static async Task<Results<Ok<List<AuditRecordView>>, ApiProblem>> Query(
        string? target, DateTime? from, DateTime? to, long? after, int? limit, AppDbContext db, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPage)
        {
            return ProblemTypes.Invalid("limit", $"limit must be 1 to {MaxPage}.").ToResult();
        }
        var records = await Filter(db, target, from, to, after).Take(limit ?? 100).ToListAsync(cancellationToken);
        return TypedResults.Ok(records.ConvertAll(AuditRecordView.From));
    }

    /// <summary>Every matching record, one JSON object per line, streamed: an export never holds the table in memory.</summary>
    private static IResult Export(string? target, DateTime? from, DateTime? to, AppDbContext db, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) =>
        Results.Stream(async stream =>
        {
            await foreach (var record in Filter(db, target, from, to, null).AsAsyncEnumerable())
            {
                await JsonSerializer.SerializeAsync(stream, AuditRecordView.From(record), json.Value.SerializerOptions);
                await stream.WriteAsync(NewLine);
            }
        }, "application/x-ndjson");

    /// <summary>Recomputes the chain from the first record and names the first one that does not fit.</summary>
    private static async Task<Ok<ChainVerification>> Verify(AppDbContext db, CancellationToken cancellationToken)
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
                return TypedResults.Ok(new ChainVerification(false, expected - 1, record.Sequence, $"Record {record.Sequence}: {broken}."));
            }
            previous = record.Hash;
            expected++;
        }
        return TypedResults.Ok(new ChainVerification(true, expected - 1, null, null));
    }

    private static IQueryable<AuditRecord> Filter(AppDbContext db, string? target, DateTime? from, DateTime? to, long? after)
    {
        var query = db.AuditRecords.AsNoTracking();
        if (!string.IsNullOrEmpty(target))
        {
            query = query.Where(r => r.Target == target);
        }
        if (from is { } since)
        {
            var utc = since.ToUniversalTime();
            query = query.Where(r => r.At >= utc);
        }
        if (to is { } until)
        {
            var utc = until.ToUniversalTime();
            query = query.Where(r => r.At < utc);
        }
        if (after is { } sequence)
        {
            query = query.Where(r => r.Sequence > sequence);
        }
        return query.OrderBy(r => r.Sequence);
    }
}
