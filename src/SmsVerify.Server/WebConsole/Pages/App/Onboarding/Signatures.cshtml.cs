using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.LandingApps;
using SmsVerify.Server.Signatures;

namespace SmsVerify.Server.WebConsole.Pages.App.Onboarding;

/// <summary>
/// The tenant's signatures with their status and reasons, and the editor that submits one with its proof, or
/// corrects a rejected one as its next version, through <see cref="SignatureSubmissions"/> as <c>/v1/signatures</c>
/// does; the name is pre-checked while typed, as <c>POST /v1/signatures/precheck</c> does.
/// </summary>
public sealed class SignaturesModel(AppDbContext db, SignatureSubmissions submissions) : OnboardingPageModel
{
    public List<Signature> Signatures { get; private set; } = [];

    /// <summary>The tenant's landing applications, which a signature may name as its proof.</summary>
    public List<LandingApp> Applications { get; private set; } = [];

    public Signature? Editing { get; private set; }

    public SignatureForm Draft { get; private set; } = new() { Source = "company", Purpose = "general" };

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } editing)
        {
            Editing = await FindAsync(editing, cancellationToken);
            if (Editing is null)
            {
                return NotFound();
            }
            Draft = new SignatureForm
            {
                Name = Editing.Name,
                Source = Editing.Source.ToString().ToLowerInvariant(),
                Purpose = Editing.Purpose.ToString().ToLowerInvariant(),
                ApplicationId = Editing.ApplicationId,
                TrademarkNumber = Editing.TrademarkNumber,
            };
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid? id, SignatureForm form, CancellationToken cancellationToken)
    {
        var submitted = id is { } editing
            ? await submissions.ChangeAsync(TenantId, editing, form, cancellationToken)
            : await submissions.SubmitAsync(TenantId, form, cancellationToken);
        if (submitted.Error is not { } error)
        {
            return RedirectToPage(null, null, new { submitted = submitted.Value!.Id }, "signatures");
        }
        if (error.Type == ProblemTypes.NotFound)
        {
            return NotFound();
        }
        Refuse(error);
        Draft = form;
        Editing = id is { } again ? await FindAsync(again, cancellationToken) : null;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostPrecheckAsync(SignatureForm form, CancellationToken cancellationToken)
    {
        var checkedForm = await submissions.PrecheckAsync(TenantId, form, cancellationToken);
        return PrecheckAnswer(checkedForm.Error, checkedForm.Value?.Findings ?? []);
    }

    private Task<Signature?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Signatures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.TenantId == TenantId, cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Signatures = await db.Signatures.AsNoTracking().Where(s => s.TenantId == TenantId).OrderByDescending(s => s.SubmittedAt).ToListAsync(cancellationToken);
        Applications = await db.LandingApps.AsNoTracking().Where(a => a.TenantId == TenantId).OrderBy(a => a.SubmittedAt).ToListAsync(cancellationToken);
    }
}
