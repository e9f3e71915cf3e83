namespace SmsVerify.Server.Channels;

/// <summary>
/// <see cref="SubmitOutcome.Rejected.ErrorCode"/> values a channel produces itself. A refusal by the SMSC carries
/// the SMPP status name instead (<c>ESME_RINVDSTADR</c>, <c>ESME_RTHROTTLED</c> …).
/// </summary>
public static class ChannelErrorCodes
{
    /// <summary>No bind is up (or the channel is switched off). Transient.</summary>
    public const string ChannelDown = "CHANNEL_DOWN";

    /// <summary>The channel's circuit breaker is open. Transient.</summary>
    public const string CircuitOpen = "CIRCUIT_OPEN";

    /// <summary>The channel stopped before the message was written; the SMSC never saw it. Transient.</summary>
    public const string NotSent = "NOT_SENT";

    /// <summary>The message cannot be put in a submit_sm (a source extension too long, say). Permanent.</summary>
    public const string InvalidMessage = "INVALID_MESSAGE";
}
