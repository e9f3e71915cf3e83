using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmsVerify.Server.Billing;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Limits;
using SmsVerify.Server.Review;
using SmsVerify.Server.TenantPeople;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.WebConsole.Pages.Tenants;

/// <summary>
/// One tenant as an admin runs it: what it may send (qualification, signatures, templates, mode), what it pays
/// (balance, price, cap, today's spend), its limits and keys, what waits for review; top up, suspend and resume.
/// </summary>
public sealed class TenantModel(
    AppDbContext db, TenantBalances balances, TenantSuspensions suspensions, TenantInvitations invitations, TenantUserAccounts people,
    IStringLocalizer<ConsoleText> text) : PageModel
{
    /// <summary>Each list on the page shows at most this many rows (newest first).</summary>
    public const int MaxRows = 100;

    public sealed record Reviewed(string Name, ReviewStatus Status);

    public sealed record Pending(Guid Id, string Kind, DateTime SubmittedAt);

    public TenantView Tenant { get; private set; } = null!;

    public (ReviewStatus Status, string Subject)? Qualification { get; private set; }

    public List<Reviewed> Signatures { get; private set; } = [];

    public List<Reviewed> Templates { get; private set; } = [];

    public BalanceView Funds { get; private set; } = null!;

    public List<RateLimitRule> Limits { get; private set; } = [];

    public List<(string Prefix, DateTime CreatedAt)> Keys { get; private set; } = [];

    public List<Pending> PendingReview { get; private set; } = [];

    public string? Message { get; private set; }

    public List<TenantUserView> People { get; private set; } = [];

    /// <summary>The invitation just made: its link is on this page once.</summary>
    public InvitationLink? Invited { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostTopUpAsync(Guid id, string? amount, string? note, CancellationToken cancellationToken)
    {
        // The invariant form (10.00) only: a comma would be a thousands separator in one language and a decimal point in another.
        decimal? yuan = amount is { Length: <= 20 } && decimal.TryParse(amount.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed)
            ? parsed : null;
        if (yuan is null)
        {
            return await RefusedAsync(id, text["The amount is in yuan, like 10.00."], cancellationToken);
        }
        var topped = await balances.TopUpAsync(id, yuan, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), cancellationToken);
        return await AnswerAsync(id, topped.Error, cancellationToken);
    }

    /// <summary>How a tenant's first person (its owner) arrives: the admin sends them the link shown once.</summary>
    public async Task<IActionResult> OnPostInviteAsync(Guid id, string? email, string? role, CancellationToken cancellationToken)
    {
        var invited = await invitations.InviteAsync(id, email, role, cancellationToken);
        if (invited.Error is { } error)
        {
            return error.Type == ProblemTypes.TenantNotFound ? NotFound()
                : await RefusedAsync(id, error.Type == ProblemTypes.TenantUserExists ? text["This address already signs in to SmsVerify."]
                    : text["Type an e-mail address and choose a role."], cancellationToken);
        }
        Invited = invited.Value;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSuspendAsync(Guid id, CancellationToken cancellationToken) =>
        await AnswerAsync(id, (await suspensions.SuspendAsync(id, cancellationToken)).Error, cancellationToken);

    public async Task<IActionResult> OnPostResumeAsync(Guid id, CancellationToken cancellationToken) =>
        await AnswerAsync(id, (await suspensions.ResumeAsync(id, cancellationToken)).Error, cancellationToken);

    private async Task<IActionResult> AnswerAsync(Guid id, ApiError? error, CancellationToken cancellationToken)
    {
        if (error is null)
        {
            return RedirectToPage(new { id });
        }
        if (error.Type == ProblemTypes.TenantNotFound)
        {
            return NotFound();
        }
        var message = (error.Extensions?.GetValueOrDefault("field") as string) switch
        {
            "amount" => text["The amount is in yuan, more than 0 and at most {0}, with at most four decimals.", TenantBalances.MaxTopUp],
            "note" => text["The note is at most {0} characters.", TenantBalances.MaxNoteLength],
            _ => error.Detail,
        };
        return await RefusedAsync(id, message, cancellationToken);
    }

    private async Task<IActionResult> RefusedAsync(Guid id, string message, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Message = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken) is not { } tenant)
        {
            return false;
        }
        Tenant = TenantView.From(tenant);
        Qualification = await db.Qualifications.AsNoTracking().Where(q => q.TenantId == id).OrderByDescending(q => q.SubmittedAt)
            .Select(q => new { q.Status, q.SubjectName }).FirstOrDefaultAsync(cancellationToken) is { } q ? (q.Status, q.SubjectName) : null;
        Signatures = await db.Signatures.AsNoTracking().Where(s => s.TenantId == id).OrderByDescending(s => s.SubmittedAt).Take(MaxRows)
            .Select(s => new Reviewed(s.Name, s.Status)).ToListAsync(cancellationToken);
        Templates = await db.Templates.AsNoTracking().Where(t => t.TenantId == id).OrderByDescending(t => t.SubmittedAt).Take(MaxRows)
            .Select(t => new Reviewed(t.Code + " " + t.Name, t.Status)).ToListAsync(cancellationToken);
        Funds = await balances.ViewAsync(id, cancellationToken);
        People = await people.ListAsync(id, cancellationToken);
        Limits = await db.RateLimitRules.AsNoTracking().Where(r => r.TenantId == id).OrderBy(r => r.Key).Take(MaxRows).ToListAsync(cancellationToken);
        // Prefix and date only: a key's hash is never shown.
        Keys = (await db.ApiKeys.AsNoTracking().Where(k => k.TenantId == id).OrderBy(k => k.CreatedAt).Take(MaxRows)
            .Select(k => new { k.Prefix, k.CreatedAt }).ToListAsync(cancellationToken)).ConvertAll(k => (k.Prefix, k.CreatedAt));
        PendingReview =
        [
            .. await PendingAsync(db.Qualifications, "qualification", id, cancellationToken),
            .. await PendingAsync(db.LandingApps, "application", id, cancellationToken),
            .. await PendingAsync(db.RealPersonChecks, "real_person", id, cancellationToken),
            .. await PendingAsync(db.Signatures, "signature", id, cancellationToken),
            .. await PendingAsync(db.Templates, "template", id, cancellationToken),
        ];
        PendingReview.Sort((a, b) => a.SubmittedAt.CompareTo(b.SubmittedAt));
        return true;
    }

    private static Task<List<Pending>> PendingAsync<T>(IQueryable<T> items, string kind, Guid tenantId, CancellationToken cancellationToken)
        where T : class, IReviewable =>
        items.AsNoTracking().Where(i => i.TenantId == tenantId && i.Status == ReviewStatus.PendingReview).OrderBy(i => i.SubmittedAt).Take(MaxRows)
            .Select(i => new Pending(i.Id, kind, i.SubmittedAt)).ToListAsync(cancellationToken);

}
