using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Phones;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Sandbox;

public sealed record RegisterNumberRequest(string? Phone, string? FixedCode);

public sealed record SandboxNumberView(string Phone, string? FixedCode, DateTime CreatedAt);

public sealed record InboxMessageView(Guid Id, string To, string Text, DateTime ReceivedAt, string? Code);

/// <summary>
/// Test numbers and their inboxes: the platform's legitimate "SMS receiving", for a tenant's own tests only. An
/// inbox holds only what its own tenant sent.
/// </summary>
public static class SandboxApi
{
    public const int MaxInboxPage = 100;

    public static RouteGroupBuilder MapSandbox(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/sandbox/numbers").WithTags("Sandbox").RequireAuthorization(Policies.Tenant);
        group.MapPost("/", RegisterNumber);
        group.MapGet("/", ListNumbers);
        group.MapDelete("/{phone}", DeleteNumber);
        group.MapGet("/{phone}/messages", ReadInbox);
        return group;
    }

    private static async Task<Results<Created<SandboxNumberView>, ApiProblem>> RegisterNumber(
        RegisterNumberRequest request, ClaimsPrincipal user, AppDbContext db, AuditTrail audit, TimeProvider clock,
        IOptions<SandboxOptions> options, CancellationToken cancellationToken)
    {
        if (!PhoneNumberParser.TryParseMobile(request.Phone, out var phone))
        {
            return ProblemTypes.NotAMobileNumber(request.Phone).ToResult();
        }
        if (request.FixedCode is { } fixedCode && (fixedCode.Length is < 4 or > 8 || !fixedCode.All(char.IsAsciiDigit)))
        {
            return ProblemTypes.Invalid("fixedCode", "fixedCode must be 4 to 8 digits.").ToResult();
        }
        var tenantId = user.TenantId();
        var numbers = db.SandboxNumbers.Where(n => n.TenantId == tenantId);
        if (await numbers.AnyAsync(n => n.Phone == phone, cancellationToken))
        {
            return ProblemTypes.SandboxNumberExists.With($"{phone} is already one of your test numbers.").ToResult();
        }
        var max = options.Value.MaxNumbersPerTenant;
        if (await numbers.CountAsync(cancellationToken) >= max)
        {
            return ProblemTypes.SandboxNumberLimit.With($"Your tenant already has {max} test numbers, the most allowed.").ToResult();
        }
        var number = new SandboxNumber { TenantId = tenantId, Phone = phone, FixedCode = request.FixedCode, CreatedAt = clock.UtcNowForStorage() };
        db.SandboxNumbers.Add(number);
        try
        {
            await audit.SaveChangesAsync(db, new AuditEntry("sandbox_number.registered", $"sandbox_number:{tenantId}:{phone}", tenantId), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent request registered the same number first; the unique index kept one.
            return ProblemTypes.SandboxNumberExists.With($"{phone} is already one of your test numbers.").ToResult();
        }
        return TypedResults.Created($"/v1/sandbox/numbers/{Uri.EscapeDataString(phone)}", View(number));
    }

    private static async Task<Ok<List<SandboxNumberView>>> ListNumbers(ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var numbers = await db.SandboxNumbers.Where(n => n.TenantId == tenantId).OrderBy(n => n.Phone).ToListAsync(cancellationToken);
        return TypedResults.Ok(numbers.ConvertAll(View));
    }

    private static async Task<Results<NoContent, ApiProblem>> DeleteNumber(
        string phone, ClaimsPrincipal user, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        if (!PhoneNumberParser.TryParseMobile(phone, out var e164))
        {
            return ProblemTypes.NotAMobileNumber(phone).ToResult();
        }
        var deleted = await audit.RunAsync(db, async () =>
        {
            var count = await db.SandboxNumbers.Where(n => n.TenantId == tenantId && n.Phone == e164).ExecuteDeleteAsync(cancellationToken);
            // The inbox goes with the number; the masked message log stays.
            await db.Messages.Where(m => m.TenantId == tenantId && m.To == e164 && m.SandboxText != null)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.SandboxText, (string?)null), cancellationToken);
            return (count, count > 0 ? new AuditEntry("sandbox_number.deleted", $"sandbox_number:{tenantId}:{e164}", tenantId) : null);
        }, cancellationToken);
        if (deleted == 0)
        {
            return ProblemTypes.SandboxNumberNotFound.With($"{e164} is not one of your test numbers.").ToResult();
        }
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<InboxMessageView>>, ApiProblem>> ReadInbox(
        string phone, int? limit, ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        if (!PhoneNumberParser.TryParseMobile(phone, out var e164))
        {
            return ProblemTypes.NotAMobileNumber(phone).ToResult();
        }
        if (limit is < 1 or > MaxInboxPage)
        {
            return ProblemTypes.Invalid("limit", $"limit must be 1 to {MaxInboxPage}.").ToResult();
        }
        var tenantId = user.TenantId();
        if (!await db.SandboxNumbers.AnyAsync(n => n.TenantId == tenantId && n.Phone == e164, cancellationToken))
        {
            return ProblemTypes.SandboxNumberNotFound.With($"{e164} is not one of your test numbers.").ToResult();
        }
        var messages = await db.Messages
            .Where(m => m.TenantId == tenantId && m.To == e164 && m.SandboxText != null)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(limit ?? 20)
            .Select(m => new { m.Id, m.To, Text = m.SandboxText!, m.CreatedAt })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(messages.ConvertAll(m => new InboxMessageView(m.Id, m.To, m.Text, m.CreatedAt, CodeExtractor.Extract(m.Text))));
    }

    private static SandboxNumberView View(SandboxNumber number) => new(number.Phone, number.FixedCode, number.CreatedAt);
}
