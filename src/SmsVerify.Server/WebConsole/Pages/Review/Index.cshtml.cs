using Microsoft.AspNetCore.Mvc.RazorPages;
using SmsVerify.Server.Review;

namespace SmsVerify.Server.WebConsole.Pages.Review;

/// <summary>Everything waiting for a decision, oldest first, optionally one kind.</summary>
public sealed class ReviewIndexModel(IEnumerable<IReviewKind> kinds, TimeProvider clock) : PageModel
{
    public List<string> Kinds { get; } = kinds.Select(k => k.Kind).ToList();

    public string? Kind { get; private set; }

    public List<ReviewItem> Items { get; } = [];

    public DateTime Now { get; } = clock.GetUtcNow().UtcDateTime;

    public async Task OnGetAsync(string? kind, CancellationToken cancellationToken)
    {
        Kind = Kinds.Contains(kind ?? "") ? kind : null;
        foreach (var k in kinds.Where(k => Kind is null || k.Kind == Kind))
        {
            Items.AddRange(await k.ListAsync(ReviewStatus.PendingReview, ReviewApi.MaxListed, cancellationToken));
        }
        Items.Sort((a, b) => a.SubmittedAt.CompareTo(b.SubmittedAt));
    }
}
