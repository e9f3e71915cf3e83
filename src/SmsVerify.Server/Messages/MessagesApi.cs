using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Contract;
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
        group.MapGet("/{id:guid}", Get)
            .Example(Delivered)
            .Describe("getMessage", "Get a message",
                "What became of one message: its status, the carrier's receipt, segments and cost.")
            .Answers(ProblemTypes.NotFound);
        group.MapGet("/", List)
            .Example(new List<MessageView> { Delivered })
            .Describe("listMessages", "List messages",
                "Newest first, filtered by recipient (`to`), `status` and time (`from`, `until`); `before` (a message id) pages back, "
                + "`limit` is 1 to 200 (50 by default).");
        return group;
    }

    private static readonly MessageView Delivered = new(Guid.Parse("0193a5c2-7a10-7cc1-9d2e-4b1f0c8e5a21"), "+8613812345678", "示例商城",
        "SMS_ORDER_SHIPPED", MessageStatus.Delivered, 1, 0.045m, "cmcc-1", null, false, null, "【示例商城】您的订单20261206001已发货。",
        new DateTime(2026, 12, 6, 8, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 6, 8, 0, 0, 120, DateTimeKind.Utc),
        new DateTime(2026, 12, 6, 8, 0, 3, DateTimeKind.Utc));

    private static async Task<Results<Ok<MessageView>, ApiProblem>> Get(Guid id, ClaimsPrincipal user, MessageLog log, CancellationToken cancellationToken) =>
        await log.FindAsync(user.TenantId(), id, cancellationToken) is { } message
            ? TypedResults.Ok(MessageView.From(message))
            : ProblemTypes.NotFound.With($"Your tenant has no message with id {id}.").ToResult();

    /// <summary>Newest first; <paramref name="before"/> (a message id) pages back.</summary>
    private static async Task<Results<Ok<List<MessageView>>, ApiProblem>> List(
        string? to, string? status, DateTime? from, DateTime? until, Guid? before, int? limit, ClaimsPrincipal user, AppDbContext db,
        CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPage)
        {
            return ProblemTypes.Invalid("limit", $"limit must be 1 to {MaxPage}.").ToResult();
        }
        var filter = MessageFilter.Parse(to, status, null, from?.ToUniversalTime(), until?.ToUniversalTime());
        if (filter.Error is { } invalid)
        {
            return invalid.ToResult();
        }
        var query = filter.Value!.Apply(db.Messages.AsNoTracking(), user.TenantId());
        if (before is { } cursor)
        {
            query = query.Where(m => m.Id.CompareTo(cursor) < 0);
        }
        var page = await query.OrderByDescending(m => m.Id).Take(limit ?? 50).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ConvertAll(MessageView.From));
    }
}
