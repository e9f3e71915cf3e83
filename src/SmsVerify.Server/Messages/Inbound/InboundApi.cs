using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Phones;
using SmsVerify.Server.Sandbox;
using SmsVerify.Server.Tenants;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Messages.Inbound;

public sealed record SandboxReplyRequest(string? Text);

public sealed record OptOutView(Guid SignatureId, string Phone, DateTime CreatedAt);

/// <summary>The tenant's inbox of replies, its opt-out lists, and replies from test numbers for trying it all out.</summary>
public static class InboundApi
{
    public static IEndpointRouteBuilder MapInbound(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/inbound", List).WithTags("Inbound").RequireAuthorization(Policies.Tenant)
            .Describe("listInbound", "List replies",
                "Replies people sent to the tenant's signatures, newest first; `from` filters by number, `limit` is 1 to 200.");
        routes.MapGet("/v1/opt-outs", OptOuts).WithTags("Inbound").RequireAuthorization(Policies.Tenant)
            .Describe("listOptOuts", "List opt-outs",
                "Numbers that replied `R` (or TD) and get no more marketing messages under that signature.");
        routes.MapPost("/v1/sandbox/numbers/{phone}/replies", Reply).WithTags("Sandbox").RequireAuthorization(Policies.Tenant)
            .Example(new SandboxReplyRequest("R"))
            .Describe("replyFromSandboxNumber", "Reply from a test number",
                "A test number answers the tenant as a real phone would through a carrier: the reply goes to the signature of the "
                + "newest message sent to it, and `R` opts it out of that signature's marketing.")
            .Answers(ProblemTypes.SandboxNumberNotFound);
        return routes;
    }

    private static async Task<Results<Ok<List<InboundView>>, ApiProblem>> List(
        string? from, int? limit, ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MessagesApi.MaxPage)
        {
            return ProblemTypes.Invalid("limit", $"limit must be 1 to {MessagesApi.MaxPage}.").ToResult();
        }
        var tenantId = user.TenantId();
        var query = db.InboundMessages.AsNoTracking().Where(m => m.TenantId == tenantId);
        if (from is not null)
        {
            var e164 = PhoneNumberParser.TryParseMobile(from, out var parsed) ? parsed : from;
            query = query.Where(m => m.From == e164);
        }
        var page = await query.OrderByDescending(m => m.ReceivedAt).Take(limit ?? 50).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ConvertAll(InboundView.Of));
    }

    private static async Task<Ok<List<OptOutView>>> OptOuts(ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var all = await db.OptOuts.AsNoTracking().Where(o => o.TenantId == tenantId).OrderBy(o => o.CreatedAt)
            .Select(o => new OptOutView(o.SignatureId, o.Phone, o.CreatedAt)).ToListAsync(cancellationToken);
        return TypedResults.Ok(all);
    }

    /// <summary>
    /// A test phone answering the tenant, as a real phone would answer through a carrier: the reply goes to the
    /// signature of the newest message the tenant sent it, and <c>R</c> opts it out of that signature's marketing.
    /// </summary>
    private static async Task<Results<Created<InboundView>, ApiProblem>> Reply(
        string phone, SandboxReplyRequest request, ClaimsPrincipal user, AppDbContext db, InboundMessages inbound, WebhookOutbox webhooks,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > InboundMessages.MaxTextLength)
        {
            return ProblemTypes.Invalid("text", $"text is required, at most {InboundMessages.MaxTextLength} characters.").ToResult();
        }
        if (!PhoneNumberParser.TryParseMobile(phone, out var e164) || !await db.SandboxNumbers.AnyAsync(n => n.TenantId == tenantId && n.Phone == e164, cancellationToken))
        {
            return ProblemTypes.SandboxNumberNotFound.With($"{Echo.Truncate(phone)} is not one of your test numbers.").ToResult();
        }
        var lastSignature = await db.Messages.AsNoTracking().Where(m => m.TenantId == tenantId && m.To == e164)
            .OrderByDescending(m => m.Id).Select(m => m.Signature).FirstOrDefaultAsync(cancellationToken);
        var signature = lastSignature is null ? null : await db.Signatures.AsNoTracking()
            .Where(s => s.TenantId == tenantId && s.Name == lastSignature).Select(s => new { s.Id, s.Extension }).FirstOrDefaultAsync(cancellationToken);
        var received = new InboundEvent(SandboxDelivery.Channel, clock.UtcNowForStorage(), e164, signature?.Extension ?? "", request.Text);
        var stored = await inbound.StoreAsync(db, tenantId, signature?.Id, received, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        webhooks.Wake();
        return TypedResults.Created($"/v1/inbound/{stored.Id}", InboundView.Of(stored));
    }
}
