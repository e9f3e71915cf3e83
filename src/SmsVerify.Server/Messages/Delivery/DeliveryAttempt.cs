using System.Diagnostics;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// One claimed message: routed to the best channel for its number, and on to the next when one refuses it for a
/// passing reason; a message the carrier itself refuses fails. Outcomes are written by <see cref="MessageOutcomes"/>.
/// </summary>
/// <remarks>
/// An attempt is spent only by a submit the carrier may have (see <see cref="DeliveryOptions.MaxAttempts"/>). A
/// message that no channel took waits on a short, bounded backoff, and moves at once when a channel comes back
/// (<see cref="DeliveryWorker"/>): an outage must not leave codes waiting minutes after the carrier is fine again.
/// </remarks>
internal sealed class DeliveryAttempt(
    IChannelRoutes routes, ChannelComeback comeback, DeliverySignal signal, MessageTexts texts, MessageOutcomes outcomes, TimeProvider clock,
    IOptions<DeliveryOptions> options)
{
    // After a submit that went unanswered: long enough for a link to come back, short enough for a code to be useful.
    private static readonly TimeSpan[] UnknownBackoff = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)];
    private static readonly TimeSpan MinWait = TimeSpan.FromSeconds(5), MaxWait = TimeSpan.FromSeconds(60);

    // Long enough that this node's next claim leaves it to the nodes that can send it, as they claim every poll.
    private static readonly TimeSpan HandBack = TimeSpan.FromSeconds(1);

    public async Task RunAsync(MessageRecord message, CancellationToken cancellationToken)
    {
        using var span = MessageTracing.StartSubmit(message);
        var now = clock.UtcNowForStorage();
        if (message.NotAfter is { } notAfter && notAfter <= now)
        {
            // A code past its expiry is useless to its reader; sending it late would only cost the tenant.
            await FinishUnsentAsync(span, message, MessageStatus.Expired, "expired_in_queue");
            return;
        }
        var comebacks = comeback.Count;
        var sms = new OutboundSms(message.Id, message.To, texts.Open(message.Id, message.TextSeal!), message.SourceExtension, message.OutcomeUnknown);
        HashSet<string> refused = [];
        SubmitOutcome.Rejected? last = null;
        while (routes.Pick(message.To, refused) is { } channel)
        {
            switch (await channel.SubmitAsync(sms, cancellationToken))
            {
                case SubmitOutcome.Accepted accepted:
                    await outcomes.SubmittedAsync(message, channel.Name, accepted.CarrierMessageIds);
                    return;
                case SubmitOutcome.Unknown unknown when message.Attempts >= options.Value.MaxAttempts:
                    // Never answered, again and again: give up rather than risk more copies on the phone.
                    MessageTracing.Ended(span, MessageStatus.Failed, "outcome_unknown");
                    await outcomes.UnknownAsync(message, channel.Name, unknown, retryAt: null);
                    return;
                case SubmitOutcome.Unknown unknown:
                    var backoff = UnknownBackoff[Math.Clamp(message.Attempts - 1, 0, UnknownBackoff.Length - 1)];
                    await outcomes.UnknownAsync(message, channel.Name, unknown, clock.UtcNowForStorage() + backoff);
                    return;
                case SubmitOutcome.Rejected { Transient: false } rejected:
                    await FinishUnsentAsync(span, message, MessageStatus.Failed, rejected.ErrorCode);
                    return;
                case SubmitOutcome.Rejected rejected:
                    refused.Add(channel.Name);
                    last = rejected;
                    break;
            }
        }
        if (last is null && routes.HeldElsewhereFor(message.To))
        {
            // Another node holds the binds of a channel for this number: back to the queue at once, for it to claim.
            await outcomes.WaitForChannelAsync(message, errorCode: null, clock.UtcNowForStorage() + HandBack);
            return;
        }
        var errorCode = last?.ErrorCode ?? "no_channel";
        var waited = now - message.CreatedAt;
        if (waited >= options.Value.GiveUpAfter)
        {
            await FinishUnsentAsync(span, message, MessageStatus.Failed, errorCode);
            return;
        }
        // A quarter of the time it has waited so far, within bounds: soon after a blip, calmly through an outage.
        var wait = TimeSpan.FromTicks(Math.Clamp(waited.Ticks / 4, MinWait.Ticks, MaxWait.Ticks));
        var written = outcomes.WaitForChannelAsync(message, errorCode, clock.UtcNowForStorage() + wait);
        if (comeback.Count != comebacks)
        {
            // A channel came up while this one looked, and the worker may have made the waiting due before this
            // message was waiting. Queued after its write, this makes it due again; then the worker claims it.
            await written;
            await outcomes.MakeWaitingDueAsync();
            signal.Wake();
            return;
        }
        await written;
    }

    private Task FinishUnsentAsync(Activity? span, MessageRecord message, MessageStatus status, string errorCode)
    {
        MessageTracing.Ended(span, status, errorCode);
        return outcomes.FinishUnsentAsync(message, status, errorCode);
    }
}
