using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.LandingApps;
using SmsVerify.Server.Qualifications;

namespace SmsVerify.Server.WebConsole.Pages.App.Onboarding;

/// <summary>
/// Where the codes are used: the tenant's landing applications (websites, apps, mini-programs) with their status,
/// and the form that submits one, or resubmits a rejected one as its next version, through
/// <see cref="LandingAppSubmissions"/> as <c>POST /v1/applications</c> does. An app's Android package and SMS Retriever
/// hashes are set on its row, through <see cref="LandingAppHashes"/> as <c>PUT /v1/applications/{id}/app-hashes</c> does.
/// </summary>
public sealed class ApplicationsModel(AppDbContext db, LandingAppSubmissions submissions, LandingAppHashes hashes, QualificationSubmissions qualifications)
    : OnboardingPageModel
{
    public List<LandingApp> Applications { get; private set; } = [];

    public SubmitLandingAppRequest Draft { get; private set; } = new("website", null, null, null);

    /// <summary>The rejected application being resubmitted (<c>?replaces=</c>).</summary>
    public LandingApp? Replacing { get; private set; }

    /// <summary>The subject of the latest qualification: what the filing subject must say, character for character.</summary>
    public string? Subject { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? replaces, CancellationToken cancellationToken)
    {
        if (replaces is { } id)
        {
            Replacing = await FindAsync(id, cancellationToken);
            if (Replacing is null)
            {
                return NotFound();
            }
            var a = Replacing;
            Draft = new SubmitLandingAppRequest(a.Kind.ToString().ToLowerInvariant(), a.Name, a.IcpNumber, a.FilingSubject, a.Domain, a.StoreLink, a.Id);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(SubmitLandingAppRequest request, CancellationToken cancellationToken)
    {
        var submitted = await submissions.SubmitAsync(TenantId, request, cancellationToken);
        if (submitted.Error is not { } error)
        {
            return RedirectToPage(null, null, new { submitted = submitted.Value!.Id }, "applications");
        }
        Refuse(error);
        Draft = request;
        Replacing = request.Replaces is { } id ? await FindAsync(id, cancellationToken) : null;
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <param name="appHashes">The hashes as typed: separated by spaces, commas or line breaks; empty removes them all.</param>
    public async Task<IActionResult> OnPostAppHashesAsync(Guid id, string? androidPackage, string? appHashes, CancellationToken cancellationToken)
    {
        var request = new SetAppHashesRequest(string.IsNullOrWhiteSpace(androidPackage) ? null : androidPackage,
            [.. (appHashes ?? "").Split([' ', ',', '，', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)]);
        var set = await hashes.SetAsync(TenantId, id, request, cancellationToken);
        if (set.Error is not { } error)
        {
            return RedirectToPage(null, null, null, "applications");
        }
        Refuse(error);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private Task<LandingApp?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.LandingApps.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.TenantId == TenantId, cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Applications = await db.LandingApps.AsNoTracking().Where(a => a.TenantId == TenantId).OrderByDescending(a => a.SubmittedAt).ToListAsync(cancellationToken);
        Subject = (await qualifications.LatestAsync(TenantId, cancellationToken))?.SubjectName;
    }
}
