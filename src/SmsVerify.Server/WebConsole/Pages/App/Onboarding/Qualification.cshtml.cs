using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Qualifications;
using SmsVerify.Server.RealPerson;
using SmsVerify.Server.Review;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.WebConsole.Pages.App.Onboarding;

/// <summary>
/// Who sends: the tenant's qualification, personal or enterprise as the tenant was created, with its current version
/// and status. It is submitted through <see cref="QualificationSubmissions"/> as <c>POST /v1/qualifications</c> does
/// (documents stored encrypted); a rejected one shows why and is resubmitted as the next version. The real-person
/// step goes through <see cref="RealPersonService"/> as <c>POST /v1/qualifications/{id}/real-person</c> does.
/// </summary>
public sealed class QualificationModel(AppDbContext db, QualificationSubmissions submissions, RealPersonService realPerson) : OnboardingPageModel
{
    public TenantKind Kind { get; private set; }

    public Qualification? Latest { get; private set; }

    public List<RealPersonCheck> Checks { get; private set; } = [];

    /// <summary>What the form shows again after a refusal (never the files, which the browser cannot be given back).</summary>
    public QualificationForm Draft { get; private set; } = new();

    /// <summary>Whether a (new) submission is possible: none yet, or the latest was rejected.</summary>
    public bool CanSubmit => Latest is null or { Status: ReviewStatus.Rejected };

    /// <summary>Whether the latest submission waits for its real-person step: due, and no check passed or under way.</summary>
    public bool NeedsRealPerson =>
        Latest is { Status: ReviewStatus.PendingReview } latest
        && (latest.Kind == TenantKind.Personal || latest.RiskLevel == RiskLevel.High)
        && !Checks.Exists(c => c.Status != ReviewStatus.Rejected);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostSubmitAsync(QualificationForm form, CancellationToken cancellationToken)
    {
        var submitted = await submissions.SubmitAsync(TenantId, form, cancellationToken);
        if (submitted.Error is not { } error)
        {
            return RedirectToPage();
        }
        Refuse(error);
        Draft = form;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRealPersonAsync(Guid id, RealPersonForm form, CancellationToken cancellationToken)
    {
        var started = await realPerson.SubmitAsync(TenantId, id, form, cancellationToken);
        if (started.Error is not { } error)
        {
            return RedirectToPage();
        }
        if (error.Type == Infrastructure.Problems.ProblemTypes.QualificationNotFound)
        {
            return NotFound();
        }
        Refuse(error);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Kind = await db.Tenants.Where(t => t.Id == TenantId).Select(t => t.Kind).FirstAsync(cancellationToken);
        Latest = await submissions.LatestAsync(TenantId, cancellationToken);
        if (Latest is not null)
        {
            var latestId = Latest.Id;
            Checks = await db.RealPersonChecks.AsNoTracking().Where(c => c.QualificationId == latestId && c.TenantId == TenantId)
                .OrderBy(c => c.SubmittedAt).ToListAsync(cancellationToken);
        }
    }
}
