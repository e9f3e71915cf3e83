using SmsVerify.Smpp;
using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Text;

namespace SmsVerify.Server.Channels;

internal sealed partial class SmppMessageChannel
{
    // Refusals that say the message is at fault, not the channel: they tell the breaker nothing about its health.
    private static readonly HashSet<string> MessageFaults =
    [
        CommandStatus.Name(CommandStatus.InvalidDestinationAddress), CommandStatus.Name(CommandStatus.InvalidDestinationTon),
        CommandStatus.Name(CommandStatus.InvalidDestinationNpi), CommandStatus.Name(CommandStatus.InvalidMessageLength),
        ChannelErrorCodes.InvalidMessage,
    ];

    private readonly LogThrottle _unknownLog = new(TimeSpan.FromSeconds(10));

    public async ValueTask<SubmitOutcome> SubmitAsync(OutboundSms sms, CancellationToken cancellationToken)
    {
        if (!_breaker.TryAcquire(out var probe))
        {
            return new SubmitOutcome.Rejected(ChannelErrorCodes.CircuitOpen, $"Channel {Name} has its circuit breaker open.", Transient: true);
        }
        var binds = Volatile.Read(ref _bindsMade);
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
            SubmitOutcome.Rejected r => r.Transient || !MessageFaults.Contains(r.ErrorCode),
            _ => true,
        };
        _breaker.Record(channelFault, probe);
        if (outcome is SubmitOutcome.Unknown && Volatile.Read(ref _bindsMade) != binds)
        {
            // The link this went out on is gone and a new bind was made since: a breaker this outcome opened after
            // that bind's own Rebound must not hold the healthy new bind back for the cool-down.
            _breaker.Rebound();
        }
        _stats.Count(sms, outcome);
        if (outcome is SubmitOutcome.Unknown unknown && _unknownLog.ShouldLog(out var held))
        {
            Log.Unanswered(_logger, Name, unknown.Reason, held);
        }
        // With no bind up, the bind's own error (connection refused …) is the one worth showing.
        if (channelFault && outcome is not SubmitOutcome.Rejected { ErrorCode: ChannelErrorCodes.ChannelDown })
        {
            _stats.Error(outcome is SubmitOutcome.Rejected r ? $"{r.ErrorCode}: {r.Reason}" : ((SubmitOutcome.Unknown)outcome).Reason);
        }
        return outcome;
    }

    /// <summary>All parts go on one bind, in order, each after the previous one was accepted.</summary>
    private async Task<SubmitOutcome> SendAsync(OutboundSms sms, CancellationToken cancellationToken)
    {
        if (NextBind() is not { } bind)
        {
            return new SubmitOutcome.Rejected(ChannelErrorCodes.ChannelDown, $"Channel {Name} has no bind up.", Transient: true);
        }
        List<SmsSegment> parts;
        try
        {
            var alphabet = _options.DataCoding == ChannelDataCoding.Ucs2 ? SmsAlphabet.Ucs2 : (SmsAlphabet?)null;
            parts = SmsSplitter.Split(sms.Text, _options.Concatenation, (ushort)Interlocked.Increment(ref _reference), alphabet);
        }
        catch (ArgumentException e)
        {
            return new SubmitOutcome.Rejected(ChannelErrorCodes.InvalidMessage, e.Message, Transient: false);
        }
        var ids = new List<string>(parts.Count);
        foreach (var part in parts)
        {
            var pdu = Pdu(sms);
            part.ApplyTo(pdu);
            SubmitSmResp response;
            try
            {
                response = await bind.Client.SubmitAsync(pdu, cancellationToken);
            }
            catch (ArgumentException e) when (ids.Count == 0)
            {
                return new SubmitOutcome.Rejected(ChannelErrorCodes.InvalidMessage, e.Message, Transient: false);
            }
            catch (SmppNotSentException e) when (ids.Count == 0)
            {
                return new SubmitOutcome.Rejected(ChannelErrorCodes.NotSent, e.Message, Transient: true);
            }
            catch (Exception e) when (e is SmppUnknownOutcomeException || (e is SmppNotSentException or OperationCanceledException && ids.Count > 0))
            {
                // Written and unanswered, or stopped with earlier parts already accepted: the phone may get some of it.
                return new SubmitOutcome.Unknown($"part {ids.Count + 1} of {parts.Count}: {e.Message}", ids);
            }
            if (response.CommandStatus != CommandStatus.Ok)
            {
                var status = CommandStatus.Name(response.CommandStatus);
                var answer = response.GenericNack ? $"generic_nack ({status})" : status;
                // A generic_nack says the SMSC could not read the submit at all: the link's or the SMSC's trouble, so
                // another channel, or this one later, may take the same message.
                return ids.Count == 0
                    ? new SubmitOutcome.Rejected(status, $"The SMSC refused the message with {answer}.",
                        response.GenericNack || CommandStatus.IsTransient(response.CommandStatus))
                    : new SubmitOutcome.Unknown($"part {ids.Count + 1} of {parts.Count} refused with {answer} after earlier parts were accepted", ids);
            }
            ids.Add(response.MessageId);
        }
        return new SubmitOutcome.Accepted(ids);
    }

    private SubmitSm Pdu(OutboundSms sms)
    {
        var source = _options.SourceAddress + sms.SourceExtension;
        var numeric = source.Length > 0 && !source.AsSpan().ContainsAnyExceptInRange('0', '9');
        return new SubmitSm
        {
            // §5.2.5-6: a numeric source (a 106… code) as unknown TON on E.164; letters as alphanumeric TON 5.
            SourceAddrTon = (byte)(numeric || source.Length == 0 ? 0 : 5),
            SourceAddrNpi = (byte)(numeric ? 1 : 0),
            SourceAddr = source,
            DestAddrTon = 1, // international, E.164 digits without '+'
            DestAddrNpi = 1,
            DestinationAddr = sms.To.TrimStart('+'),
            RegisteredDelivery = 1, // a receipt for the final outcome, success or failure
        };
    }

    /// <summary>Round-robin over the submitting binds that are up.</summary>
    private SmppBind? NextBind()
    {
        var start = Interlocked.Increment(ref _nextBind);
        for (var i = 0; i < _binds.Length; i++)
        {
            var bind = _binds[(int)((uint)(start + i) % (uint)_binds.Length)];
            if (bind.CanSubmit && bind.IsUp)
            {
                return bind;
            }
        }
        return null;
    }
}
