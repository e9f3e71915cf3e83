using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Messages;

/// <summary>Reading what became of messages; sending them is <see cref="Sending.SendingApi"/>.</summary>
public static class MessagesApi
{
    public const int MaxPage = 200;

    public static RouteGroupBuilder MapMessages(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/messages").WithTags("Messages").RequireAuthorization(Policies.Tenant);
        group.MapGet("/{id:guid}", Get);
        group.MapGet("/", List);
        return group;
    }

    private static async Task<Results<Ok<MessageView>, ApiProblem>> Get(Guid id, ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        return await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.TenantId == tenantId, cancellationToken) is { } message
            ? TypedResults.Ok(MessageView.From(message))
            : ProblemTypes.NotFound.With($"Your tenant has no message with id {id}.").ToResult();
    }

    /// <summary>Newest first; <paramref name="before"/> (a message id) pages back.</summary>
    private static async Task<Results<Ok<List<MessageView>>, ApiProblem>> List(
        string? to, string? status, DateTime? from, DateTime? until, Guid? before, int? limit, ClaimsPrincipal user, AppDbContext db,
        CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPage)
        {
            return ProblemTypes.Invalid("limit", $"limit must be 1 to {MaxPage}.").ToResult();
        }
        var tenantId = user.TenantId();
        var query = db.Messages.AsNoTracking().Where(m => m.TenantId == tenantId);
        if (to is not null)
        {
            if (!Phones.PhoneNumberParser.TryParseMobile(to, out var e164))
            {
                return ProblemTypes.NotAMobileNumber(to).ToResult();
            }
            query = query.Where(m => m.To == e164);
        }
        if (status is not null)
        {
            if (!EnumInput.TryParse<MessageStatus>(status, out var wanted))
            {
                return ProblemTypes.Invalid("status", "status must be queued, submitted, delivered, failed or expired.").ToResult();
            }
            query = query.Where(m => m.Status == wanted);
        }
        if (from is { } since)
        {
            var utc = since.ToUniversalTime();
            query = query.Where(m => m.CreatedAt >= utc);
        }
        if (until is { } end)
        {
            var utc = end.ToUniversalTime();
            query = query.Where(m => m.CreatedAt < utc);
        }
        if (before is { } cursor)
        {
            query = query.Where(m => m.Id.CompareTo(cursor) < 0);
        }
        var page = await query.OrderByDescending(m => m.Id).Take(limit ?? 50).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ConvertAll(MessageView.From));
    }
}
