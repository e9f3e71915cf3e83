using SmsVerify.Smpp;

namespace SmsVerify.Server.Channels;

internal abstract partial class CarrierChannel
{
    private readonly CircuitBreaker _breaker;
    private readonly LogThrottle _unknownLog = new(TimeSpan.FromSeconds(10));

    /// <summary>What the carrier answered to one part; <see cref="Reason"/> says it for people.</summary>
    private protected abstract record PartAnswer(string Reason)
    {
        /// <summary>Taken, under the carrier's id for it (what its receipt will name).</summary>
        public sealed record Taken(string CarrierMessageId) : PartAnswer("");

        /// <summary>Refused with <paramref name="ErrorCode"/>.</summary>
        public sealed record Refused(string ErrorCode, string Answer, bool Transient) : PartAnswer(Answer);

        /// <summary>The part cannot be put in a packet (a source extension too long, say).</summary>
        public sealed record Invalid(string Why) : PartAnswer(Why);

        /// <summary>The link stopped before the part was written: the carrier never saw it.</summary>
        public sealed record NotSent(string Why) : PartAnswer(Why);

        /// <summary>Written, and the link dropped before the answer: the carrier may have it.</summary>
        public sealed record NoAnswer(string Why) : PartAnswer(Why);
    }

    /// <summary>Refusals that say the message is at fault, not the channel: they tell the breaker nothing about its health.</summary>
    protected abstract bool IsMessageFault(string errorCode);

    /// <summary>The message's parts on one link (see <see cref="SendPartsAsync"/>).</summary>
    protected abstract Task<SubmitOutcome> SendAsync(OutboundSms sms, CancellationToken cancellationToken);

    public async ValueTask<SubmitOutcome> SubmitAsync(OutboundSms sms, CancellationToken cancellationToken)
    {
        if (!_breaker.TryAcquire(out var probe))
        {
            return new SubmitOutcome.Rejected(ChannelErrorCodes.CircuitOpen, $"Channel {Name} has its circuit breaker open.", Transient: true);
        }
        var links = Volatile.Read(ref _linksMade);
        SubmitOutcome outcome;
        try
        {
            outcome = await SendAsync(sms, cancellationToken);
        }
        catch
        {
            if (probe)
            {
                _breaker.ReleaseProbe();
            }
            throw;
        }
        var channelFault = outcome switch
        {
            SubmitOutcome.Accepted => false,
            SubmitOutcome.Rejected r => r.Transient || (r.ErrorCode != ChannelErrorCodes.InvalidMessage && !IsMessageFault(r.ErrorCode)),
            _ => true,
        };
        _breaker.Record(channelFault, probe);
        if (outcome is SubmitOutcome.Unknown && Volatile.Read(ref _linksMade) != links)
        {
            // The link this went out on is gone and a new one was made since: a breaker this outcome opened after
            // that link's own Rebound must not hold the healthy new link back for the cool-down.
            _breaker.Rebound();
        }
        Stats.Count(sms, outcome);
        if (outcome is SubmitOutcome.Unknown unknown && _unknownLog.ShouldLog(out var held))
        {
            Log.Unanswered(Logger, Name, unknown.Reason, held);
        }
        // With no link up, the link's own error (connection refused …) is the one worth showing.
        if (channelFault && outcome is not SubmitOutcome.Rejected { ErrorCode: ChannelErrorCodes.ChannelDown })
        {
            Stats.Error(outcome is SubmitOutcome.Rejected r ? $"{r.ErrorCode}: {r.Reason}" : ((SubmitOutcome.Unknown)outcome).Reason);
        }
        return outcome;
    }

    /// <summary>
    /// Splits the text and sends the parts on one link, one after another, each after the previous one was taken.
    /// No link up, or a text that cannot be split, rejects the message before anything was sent; a refusal of the
    /// first part rejects it; anything that goes wrong after a part was taken leaves it unknown, since the phone may
    /// have some of it.
    /// </summary>
    private protected async Task<SubmitOutcome> SendPartsAsync<TLink, TPart>(Func<IReadOnlyList<TPart>> split, Func<TLink, TPart, Task<PartAnswer>> sendPart)
        where TLink : ChannelLink
    {
        if (NextLink<TLink>() is not { } link)
        {
            return new SubmitOutcome.Rejected(ChannelErrorCodes.ChannelDown, $"Channel {Name} has no link up.", Transient: true);
        }
        IReadOnlyList<TPart> parts;
        try
        {
            parts = split();
        }
        catch (ArgumentException e)
        {
            return new SubmitOutcome.Rejected(ChannelErrorCodes.InvalidMessage, e.Message, Transient: false);
        }
        var count = parts.Count;
        var ids = new List<string>(count);
        for (var n = 0; n < count; n++)
        {
            PartAnswer answer;
            try
            {
                answer = await sendPart(link, parts[n]);
            }
            catch (OperationCanceledException e) when (ids.Count > 0)
            {
                answer = new PartAnswer.NotSent(e.Message);
            }
            var part = $"part {n + 1} of {count}";
            switch (answer)
            {
                case PartAnswer.Taken taken:
                    ids.Add(taken.CarrierMessageId);
                    continue;
                case PartAnswer.NoAnswer:
                case PartAnswer.NotSent or PartAnswer.Invalid when ids.Count > 0:
                    return new SubmitOutcome.Unknown($"{part}: {answer.Reason}", ids);
                case PartAnswer.Invalid invalid:
                    return new SubmitOutcome.Rejected(ChannelErrorCodes.InvalidMessage, invalid.Reason, Transient: false);
                case PartAnswer.NotSent notSent:
                    return new SubmitOutcome.Rejected(ChannelErrorCodes.NotSent, notSent.Reason, Transient: true);
                case PartAnswer.Refused refused when ids.Count > 0:
                    return new SubmitOutcome.Unknown($"{part} refused with {refused.Answer} after earlier parts were accepted", ids);
                case PartAnswer.Refused refused:
                    return new SubmitOutcome.Rejected(refused.ErrorCode, $"The carrier refused the message with {refused.Answer}.", refused.Transient);
            }
        }
        return new SubmitOutcome.Accepted(ids);
    }
}
