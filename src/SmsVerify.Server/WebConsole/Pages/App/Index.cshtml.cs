using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Review;

namespace SmsVerify.Server.WebConsole.Pages.App;

/// <summary>
/// The onboarding steps in their order, each with the review of its latest submission (and, rejected, the reason),
/// what to do next and the page that does it.
/// </summary>
public sealed class IndexModel(AppDbContext db) : TenantPageModel
{
    /// <summary>One step: its name (a ConsoleText key), its page, and its latest submission's review, null before the first.</summary>
    public sealed record Step(string Name, string Path, ReviewState? Review)
    {
        /// <summary>What to do next, as a ConsoleText key.</summary>
        public string Next => Review?.Status switch
        {
            null => Name switch
            {
                "Qualification" => "Submit who sends: your real name or your company.",
                "Landing application" => "Submit the website or app where your users receive the codes.",
                "Signature" => "Submit the name in 【】 your messages start with.",
                _ => "Submit the text of your verification message.",
            },
            ReviewStatus.Rejected => "Correct it as the reason says and resubmit: it becomes the next version.",
            ReviewStatus.PendingReview => "Nothing to do: a reviewer decides, usually within a working day.",
            _ => "Done.",
        };
    }

    public List<Step> Steps { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var qualification = await db.Qualifications.AsNoTracking().Where(q => q.TenantId == TenantId).OrderByDescending(q => q.Version)
            .Select(q => new ReviewState(q.Status, q.DecisionNote, q.Findings)).FirstOrDefaultAsync(cancellationToken);
        var app = await db.LandingApps.AsNoTracking().Where(a => a.TenantId == TenantId).OrderByDescending(a => a.SubmittedAt)
            .Select(a => new ReviewState(a.Status, a.DecisionNote, a.Findings)).FirstOrDefaultAsync(cancellationToken);
        var signature = await db.Signatures.AsNoTracking().Where(s => s.TenantId == TenantId).OrderByDescending(s => s.SubmittedAt)
            .Select(s => new ReviewState(s.Status, s.DecisionNote, s.Findings)).FirstOrDefaultAsync(cancellationToken);
        var template = await db.Templates.AsNoTracking().Where(t => t.TenantId == TenantId).OrderByDescending(t => t.SubmittedAt)
            .Select(t => new ReviewState(t.Status, t.DecisionNote, t.Findings)).FirstOrDefaultAsync(cancellationToken);
        Steps.Add(new Step("Qualification", "/app/onboarding/qualification", qualification));
        Steps.Add(new Step("Landing application", "/app/onboarding/applications", app));
        Steps.Add(new Step("Signature", "/app/onboarding/signatures", signature));
        Steps.Add(new Step("Templates", "/app/onboarding/templates", template));
    }
}
