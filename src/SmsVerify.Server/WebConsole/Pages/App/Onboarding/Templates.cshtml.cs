using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Templates;

namespace SmsVerify.Server.WebConsole.Pages.App.Onboarding;

/// <summary>
/// The tenant's templates with their status and reasons, and the editor that submits a new one or resubmits a
/// rejected one as its next version, through <see cref="TemplateSubmissions"/> as <c>/v1/templates</c> does. While
/// the person types, the editor's script asks <see cref="OnPostPrecheckAsync"/> for the same pre-check as
/// <c>POST /v1/templates/precheck</c> and marks each finding in the text.
/// </summary>
public sealed class TemplatesModel(AppDbContext db, TemplateSubmissions submissions) : OnboardingPageModel
{
    public List<SmsTemplate> Templates { get; private set; } = [];

    /// <summary>The template being corrected (<c>?code=</c>), or null for a new one.</summary>
    public SmsTemplate? Editing { get; private set; }

    /// <summary>What the editor shows: the template being corrected, or what was posted and refused.</summary>
    public TemplateRequest Draft { get; private set; } = new(null, "verification", null, null, null);

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken cancellationToken)
    {
        if (code is not null)
        {
            Editing = await FindAsync(code, cancellationToken);
            if (Editing is null)
            {
                return NotFound();
            }
            Draft = new TemplateRequest(Editing.Name, Editing.Type.ToString().ToLowerInvariant(), Editing.Content, Editing.Scenario, Editing.ApplicationId);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(string? code, TemplateRequest request, CancellationToken cancellationToken)
    {
        var submitted = code is null
            ? await submissions.SubmitAsync(TenantId, request, cancellationToken)
            : await submissions.ChangeAsync(TenantId, code, request, cancellationToken);
        if (submitted.Error is not { } error)
        {
            return RedirectToPage(null, null, new { submitted = submitted.Value!.Code }, "templates");
        }
        if (error.Type == ProblemTypes.NotFound)
        {
            return NotFound();
        }
        Refuse(error);
        Draft = request;
        Editing = code is null ? null : await FindAsync(code, cancellationToken);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostPrecheckAsync(TemplateRequest request, CancellationToken cancellationToken)
    {
        var checkedTemplate = await submissions.PrecheckAsync(TenantId, request, cancellationToken);
        return PrecheckAnswer(checkedTemplate.Error, checkedTemplate.Value?.Findings ?? [],
            checkedTemplate.Value?.Variables.Select(v => new { name = v.Name, type = v.Type.ToString().ToLowerInvariant() }));
    }

    private Task<SmsTemplate?> FindAsync(string code, CancellationToken cancellationToken) =>
        db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.TenantId == TenantId && t.Code == code, cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Templates = await db.Templates.AsNoTracking().Where(t => t.TenantId == TenantId).OrderByDescending(t => t.SubmittedAt).ToListAsync(cancellationToken);
}
