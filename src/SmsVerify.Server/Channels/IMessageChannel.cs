namespace SmsVerify.Server.Channels;

/// <summary>The mobile networks of mainland China a channel can deliver to.</summary>
public enum Carrier { ChinaMobile, ChinaUnicom, ChinaTelecom, ChinaBroadnet, Other }

/// <summary>
/// Where a channel is: bound and sending, trying to bind, or skipped by routing (down, its breaker open, or on
/// standby: other nodes hold all its bind slots, see <see cref="IBindLeases"/>).
/// </summary>
public enum ChannelState { Up, Connecting, Down, Open, Standby }

/// <summary>
/// One message ready for a carrier. <see cref="Text"/> is the whole rendered text, signature included; the
/// channel splits it into parts. <see cref="To"/> is E.164 (<c>+8613812345678</c>). <see cref="SourceExtension"/>
/// is appended to the channel's source address so that replies find their way back to the signature.
/// <see cref="Resend"/>: an earlier submit of this message may have reached a carrier (its outcome stayed unknown),
/// so this one may put a second copy on the phone; channels count these.
/// </summary>
public sealed record OutboundSms(Guid MessageId, string To, string Text, string? SourceExtension, bool Resend = false);

/// <summary>What a carrier said about one <see cref="OutboundSms"/>.</summary>
public abstract record SubmitOutcome
{
    /// <summary>Every part was accepted; one carrier message id per part, in order.</summary>
    public sealed record Accepted(IReadOnlyList<string> CarrierMessageIds) : SubmitOutcome;

    /// <summary>
    /// Refused before any part was accepted. <see cref="Transient"/>: another channel, or this one later, may
    /// take it (throttled, link down, breaker open); otherwise the message itself is at fault (bad number).
    /// </summary>
    public sealed record Rejected(string ErrorCode, string Reason, bool Transient) : SubmitOutcome;

    /// <summary>
    /// The carrier may or may not have it: a part was written and the link died before the answer, or some parts
    /// were accepted and a later one refused. Never resubmitted blindly.
    /// </summary>
    public sealed record Unknown(string Reason, IReadOnlyList<string> AcceptedCarrierMessageIds) : SubmitOutcome;
}

/// <summary>A connection to a carrier (an SMPP bind group, or the built-in sandbox carrier).</summary>
public interface IMessageChannel
{
    string Name { get; }

    /// <summary>Higher is preferred.</summary>
    int Priority { get; }

    ChannelState State { get; }

    bool Serves(Carrier carrier);

    ValueTask<SubmitOutcome> SubmitAsync(OutboundSms sms, CancellationToken cancellationToken);
}

/// <summary>What arrives from carriers, on any channel.</summary>
public abstract record ChannelEvent(string Channel, DateTime ReceivedAt);

public enum ReceiptOutcome { Delivered, Failed, Expired }

/// <summary>A delivery receipt for one part, named by the carrier message id the submit returned.</summary>
public sealed record ReceiptEvent(string Channel, DateTime ReceivedAt, string CarrierMessageId, ReceiptOutcome Outcome, string? ErrorCode, DateTime? DoneAt)
    : ChannelEvent(Channel, ReceivedAt);

/// <summary>
/// A message from a phone. <see cref="To"/> is the destination address as the carrier gave it: the channel's
/// source address followed by the extension of the signature it answers, if any.
/// </summary>
/// <param name="Part">Set when this is one part of a long message (UDH concatenation or SAR TLVs).</param>
public sealed record InboundEvent(string Channel, DateTime ReceivedAt, string From, string To, string Text, InboundPart? Part = null)
    : ChannelEvent(Channel, ReceivedAt);

/// <summary>Which part of a long message from a phone this is: the sender's reference, how many parts, and this one's number (1-based).</summary>
public sealed record InboundPart(int Reference, int Total, int Sequence);

/// <summary>
/// Takes what channels receive. A channel calls it once per receipt or inbound message and answers the carrier
/// (deliver_sm_resp) only after it returns, so a receipt is never acknowledged and then lost. If it throws, the
/// channel answers with a transient error so the carrier delivers it again.
/// </summary>
public interface IChannelEventSink
{
    ValueTask HandleAsync(ChannelEvent channelEvent, CancellationToken cancellationToken);
}
