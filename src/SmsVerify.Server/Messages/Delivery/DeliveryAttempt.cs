using Microsoft.Extensions.Options;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// One claimed message: routed to the best channel for its number, and on to the next when one refuses it for a
/// passing reason; a message the carrier itself refuses fails. Outcomes are written by <see cref="MessageOutcomes"/>.
/// </summary>
internal sealed class DeliveryAttempt(IChannelRoutes routes, MessageTexts texts, MessageOutcomes outcomes, TimeProvider clock, IOptions<DeliveryOptions> options)
{
    private static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10),
    ];

    public async Task RunAsync(MessageRecord message, CancellationToken cancellationToken)
    {
        if (message.NotAfter is { } notAfter && notAfter <= clock.UtcNowForStorage())
        {
            // A code past its expiry is useless to its reader; sending it late would only cost the tenant.
            await outcomes.FinishUnsentAsync(message, MessageStatus.Expired, "expired_in_queue");
            return;
        }
        var sms = new OutboundSms(message.Id, message.To, texts.Open(message.Id, message.TextSeal!), message.SourceExtension);
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
                    await outcomes.UnknownAsync(message, channel.Name, unknown, retryAt: null);
                    return;
                case SubmitOutcome.Unknown unknown:
                    await outcomes.UnknownAsync(message, channel.Name, unknown, RetryAt(message));
                    return;
                case SubmitOutcome.Rejected { Transient: false } rejected:
                    await outcomes.FinishUnsentAsync(message, MessageStatus.Failed, rejected.ErrorCode);
                    return;
                case SubmitOutcome.Rejected rejected:
                    refused.Add(channel.Name);
                    last = rejected;
                    break;
            }
        }
        if (message.Attempts >= options.Value.MaxAttempts)
        {
            await outcomes.FinishUnsentAsync(message, MessageStatus.Failed, last?.ErrorCode ?? "no_channel");
        }
        else
        {
            await outcomes.RequeueAsync(message, last?.ErrorCode ?? "no_channel", RetryAt(message));
        }
    }

    private DateTime RetryAt(MessageRecord message) =>
        clock.UtcNowForStorage() + Backoff[Math.Clamp(message.Attempts - 1, 0, Backoff.Length - 1)];
}
