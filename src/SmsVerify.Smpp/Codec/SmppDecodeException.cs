namespace SmsVerify.Smpp.Codec;

/// <summary>
/// A PDU that breaks the spec. The only exception the codec throws for bad input: sessions catch it and
/// answer with <see cref="CommandStatus"/> (generic_nack or the matching response) instead of dying.
/// </summary>
public sealed class SmppDecodeException(uint commandStatus, string message) : Exception(message)
{
    /// <summary>The status to answer with, e.g. ESME_RINVCMDLEN.</summary>
    public uint CommandStatus { get; } = commandStatus;

    /// <summary>The header when it could be read, so the answer carries the offending sequence_number.</summary>
    public PduHeader? Header { get; init; }
}
