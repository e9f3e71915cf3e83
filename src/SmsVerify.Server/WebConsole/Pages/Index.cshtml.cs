using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Messages.Stats;
using SmsVerify.Server.Review;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.WebConsole.Pages;

/// <summary>
/// What waits for people (open review items by kind and how long the oldest has waited) and how sending goes: messages
/// by status over the last hour or day, delivery rate and conversion, and what is queued for the carriers now.
/// </summary>
public sealed class IndexModel(IEnumerable<IReviewKind> kinds, TimeProvider clock, TrafficStats traffic, ChannelsOverview channels) : PageModel
{
    public sealed record QueueRow(string Kind, int Count, DateTime? Oldest);

    public List<QueueRow> Queue { get; } = [];

    public DateTime Now { get; } = clock.GetUtcNow().UtcDateTime;

    public bool CanReview => User.IsInRole(OperatorOptions.AdminRole) || User.IsInRole(OperatorOptions.AuditorRole);

    /// <summary><c>hour</c> (the default) or <c>day</c>; anything else reads as <c>hour</c>.</summary>
    [BindProperty(SupportsGet = true, Name = "range")]
    public string? RangeName { get; set; }

    public TrafficRange Range => RangeName == "day" ? TrafficRange.Day : TrafficRange.Hour;

    public TrafficReport Traffic { get; private set; } = null!;

    public QueueDepth Depth { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        foreach (var kind in kinds)
        {
            var pending = await kind.ListAsync(ReviewStatus.PendingReview, ReviewApi.MaxListed, cancellationToken);
            Queue.Add(new QueueRow(kind.Kind, pending.Count, pending.Count == 0 ? null : pending.Min(p => p.SubmittedAt)));
        }
        Traffic = await traffic.ReadAsync(Range, cancellationToken);
        Depth = await channels.QueueAsync(cancellationToken);
    }
}
