using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Verification;

namespace SmsVerify.Server.WebConsole.Pages.App.Messages;

/// <summary>One step of a message's way: its name (a ConsoleText key), when, what about it, and whether it is done, awaited or failed.</summary>
public sealed record TimelineStep(string Name, DateTime? At, string? Detail, string State);

/// <summary>One message of the tenant: its way from accepted to the carrier's receipt, the parts carriers took, segments and cost.</summary>
public sealed class MessageModel(MessageLog log, AppDbContext db, TimeProvider clock) : TenantPageModel
{
    public MessageRecord Record { get; private set; } = null!;

    public List<MessagePart> Parts { get; private set; } = [];

    public List<TimelineStep> Timeline { get; } = [];

    public VerificationStatus? VerificationStatus { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await log.FindAsync(TenantId, id, cancellationToken) is not { } message)
        {
            return NotFound();
        }
        Record = message;
        Parts = await log.PartsAsync(message, cancellationToken);
        if (message.VerificationId is { } verificationId)
        {
            var verification = await db.Verifications.AsNoTracking().Where(v => v.Id == verificationId && v.TenantId == TenantId)
                .Select(v => new { v.Status, v.ExpiresAt }).FirstOrDefaultAsync(cancellationToken);
            VerificationStatus = verification is null ? null : VerificationRecord.StatusAt(verification.Status, verification.ExpiresAt, clock.UtcNowForStorage());
        }
        BuildTimeline(message);
        return Page();
    }

    private void BuildTimeline(MessageRecord m)
    {
        Timeline.Add(new("Accepted and queued", m.CreatedAt, null, "done"));
        if (m.SubmittedAt is null && m.Status == MessageStatus.Delivered)
        {
            // A test number's message never goes to a carrier: it is in the inbox the moment it is accepted.
            Timeline.Add(new("Delivered to the test number's inbox", m.DoneAt, null, "done"));
            return;
        }
        if (m.SubmittedAt is { } submitted)
        {
            Timeline.Add(new("Sent to carrier", submitted, m.Channel, "done"));
        }
        else if (m.Status == MessageStatus.Queued)
        {
            Timeline.Add(new("Waiting for a carrier", null, m.ErrorCode, "waiting"));
            return;
        }
        Timeline.Add(m.Status switch
        {
            MessageStatus.Delivered => new("Delivered", m.DoneAt, null, "done"),
            MessageStatus.Failed => new("Failed", m.DoneAt, m.ErrorCode, "failed"),
            MessageStatus.Expired => new("Expired", m.DoneAt, m.ErrorCode, "failed"),
            _ => new("Waiting for the carrier's receipt", null, null, "waiting"),
        });
    }
}
