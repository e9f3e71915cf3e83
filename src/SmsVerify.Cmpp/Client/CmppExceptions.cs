using SmsVerify.Cmpp.Codec;

namespace SmsVerify.Cmpp.Client;

/// <summary>The ISMG refused the login (<see cref="Status"/> from CONNECT_RESP), or its authenticator did not match.</summary>
public sealed class CmppConnectException(uint status, string message) : Exception(message)
{
    public uint Status { get; } = status;

    public static CmppConnectException Refused(uint status) =>
        new(status, $"CMPP_CONNECT refused by the ISMG: {ConnectStatus.Name(status)}");
}

/// <summary>
/// The submit was written but no readable answer came: the link went away first, or the SUBMIT_RESP did not decode.
/// The ISMG may or may not have taken it. The client never sends such a message again by itself, since that could
/// deliver it twice; the caller decides.
/// </summary>
public sealed class CmppUnknownOutcomeException(string reason)
    : Exception($"CMPP_SUBMIT was written but its outcome is unknown: {reason}");

/// <summary>The client stopped before this message was written: the ISMG never saw it and it is safe to retry.</summary>
public sealed class CmppNotSentException(string reason) : Exception($"CMPP_SUBMIT was not sent: {reason}");
