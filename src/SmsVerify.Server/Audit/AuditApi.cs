using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure.Contract;
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

/// <summary>The audit trail, for operators who review (admin, auditor): query, export as NDJSON, verify the chain.</summary>
public static class AuditApi
{
    public const int MaxPage = AuditSearch.MaxPage;

    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/audit").WithTags("Audit").RequireAuthorization(Policies.Auditor);
        group.MapGet("/", Query)
            .Describe("queryAudit", "Query the audit trail", "Records by target, actor, action and time, newest first.");
        group.MapGet("/export", Export)
            .Describe("exportAudit", "Export the audit trail", "Every matching record, one JSON object per line, streamed.")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/x-ndjson");
        group.MapGet("/verify", Verify)
            .Describe("verifyAudit", "Verify the audit chain", "Checks every record's hash link to the one before it and says where the chain breaks, if it does.");
        return group;
    }

    /// <summary>
    /// Records oldest first from <paramref name="after"/>; <paramref name="actor"/> is exact (<c>operator:alice</c>),
    /// <paramref name="action"/> a prefix (<c>risk.</c> or <c>risk.breaker_reset</c>).
    /// </summary>
    private static async Task<Results<Ok<List<AuditRecordView>>, ApiProblem>> Query(
        string? target, string? actor, string? action, DateTime? from, DateTime? to, long? after, int? limit, AppDbContext db, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPage)
        {
            return ProblemTypes.Invalid("limit", $"limit must be 1 to {MaxPage}.").ToResult();
        }
        var filter = new AuditFilter(target, actor, action, from, to, after);
        if (AuditSearch.Check(filter) is { } error)
        {
            return error.ToResult();
        }
        var records = await AuditSearch.Matching(db, filter).Take(limit ?? 100).ToListAsync(cancellationToken);
        return TypedResults.Ok(records.ConvertAll(AuditRecordView.From));
    }

    /// <summary>Every matching record, one JSON object per line, streamed.</summary>
    private static IResult Export(
        string? target, string? actor, string? action, DateTime? from, DateTime? to, AppDbContext db, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var filter = new AuditFilter(target, actor, action, from, to);
        return AuditSearch.Check(filter) is { } error ? error.ToResult() : AuditSearch.Export(db, filter, json.Value.SerializerOptions);
    }

    private static async Task<Ok<ChainVerification>> Verify(AppDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await AuditSearch.VerifyAsync(db, cancellationToken));
}
