using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Review;

namespace SmsVerify.Server.WebConsole.Pages.App;

/// <summary>The onboarding steps in their order, each with the status of its latest submission.</summary>
public sealed class IndexModel(AppDbContext db) : TenantPageModel
{
    public sealed record Step(string Name, string? Status);

    public List<Step> Steps { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var qualification = await db.Qualifications.AsNoTracking().Where(q => q.TenantId == TenantId).OrderByDescending(q => q.Version)
            .Select(q => (ReviewStatus?)q.Status).FirstOrDefaultAsync(cancellationToken);
        var app = await db.LandingApps.AsNoTracking().Where(a => a.TenantId == TenantId).OrderByDescending(a => a.SubmittedAt)
            .Select(a => (ReviewStatus?)a.Status).FirstOrDefaultAsync(cancellationToken);
        var signature = await db.Signatures.AsNoTracking().Where(s => s.TenantId == TenantId).OrderByDescending(s => s.SubmittedAt)
            .Select(s => (ReviewStatus?)s.Status).FirstOrDefaultAsync(cancellationToken);
        var template = await db.Templates.AsNoTracking().Where(t => t.TenantId == TenantId).OrderByDescending(t => t.SubmittedAt)
            .Select(t => (ReviewStatus?)t.Status).FirstOrDefaultAsync(cancellationToken);
        Steps.Add(new Step("Qualification", Name(qualification)));
        Steps.Add(new Step("Landing application", Name(app)));
        Steps.Add(new Step("Signature", Name(signature)));
        Steps.Add(new Step("Templates", Name(template)));
    }

    private static string? Name(ReviewStatus? status) => status switch
    {
        null => null,
        ReviewStatus.Approved => "approved",
        ReviewStatus.Rejected => "rejected",
        _ => "pending_review",
    };
}
