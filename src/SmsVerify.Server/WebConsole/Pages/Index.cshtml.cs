using Microsoft.AspNetCore.Mvc.RazorPages;
using SmsVerify.Server.Review;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.WebConsole.Pages;

/// <summary>What waits for people: open review items by kind and how long the oldest has waited.</summary>
public sealed class IndexModel(IEnumerable<IReviewKind> kinds, TimeProvider clock) : PageModel
{
    public sealed record QueueRow(string Kind, int Count, DateTime? Oldest);

    public List<QueueRow> Queue { get; } = [];

    public DateTime Now { get; } = clock.GetUtcNow().UtcDateTime;

    public bool CanReview => User.IsInRole(OperatorOptions.AdminRole) || User.IsInRole(OperatorOptions.AuditorRole);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        foreach (var kind in kinds)
        {
            var pending = await kind.ListAsync(ReviewStatus.PendingReview, ReviewApi.MaxListed, cancellationToken);
            Queue.Add(new QueueRow(kind.Kind, pending.Count, pending.Count == 0 ? null : pending.Min(p => p.SubmittedAt)));
        }
    }
}
