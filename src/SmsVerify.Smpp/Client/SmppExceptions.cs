using SmsVerify.Smpp.Codec;

namespace SmsVerify.Smpp.Client;

/// <summary>The SMSC refused the bind; <see cref="CommandStatus"/> says why (e.g. ESME_RINVPASWD).</summary>
public sealed class SmppBindException(uint commandStatus)
    : Exception($"bind refused by the SMSC: {Codec.CommandStatus.Name(commandStatus)}")
{
    public uint CommandStatus { get; } = commandStatus;
}

/// <summary>
/// The submit_sm was written but the link went away before its response: the SMSC may or may not have accepted
/// it. The client never resubmits such a message by itself, since that could send the SMS twice; the caller
/// decides (e.g. by waiting for a receipt, or accepting a possible duplicate).
/// </summary>
public sealed class SmppUnknownOutcomeException(string reason)
    : Exception($"submit_sm was written but not answered before the link dropped ({reason}); its outcome is unknown");

/// <summary>The client stopped before this message was written: the SMSC never saw it and it is safe to retry.</summary>
public sealed class SmppNotSentException(string reason) : Exception($"submit_sm was not sent: {reason}");
