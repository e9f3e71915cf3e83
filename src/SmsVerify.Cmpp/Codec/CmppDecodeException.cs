namespace SmsVerify.Cmpp.Codec;

/// <summary>
/// A packet that breaks the specification. The only exception the codec throws for bad input: the sessions catch it,
/// answer what can be answered (a response with Result 1, "message structure error") and keep reading.
/// </summary>
public sealed class CmppDecodeException(string message) : Exception(message)
{
    /// <summary>The header when it could be read, so the answer carries the offending Sequence_Id.</summary>
    public PacketHeader? Header { get; init; }
}
