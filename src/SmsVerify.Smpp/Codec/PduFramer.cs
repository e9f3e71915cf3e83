using System.Buffers;
using System.Buffers.Binary;

namespace SmsVerify.Smpp.Codec;

/// <summary>
/// Cuts PDUs out of a byte stream by their command_length (SMPP v3.4 §3.2: the length counts the whole PDU,
/// header included). A pure function: it never reads past <paramref name="buffer"/>.
/// </summary>
public static class PduFramer
{
    public const int DefaultMaxPduLength = 64 * 1024;

    /// <summary>
    /// Takes one whole PDU off the front of <paramref name="buffer"/>. Returns false when more bytes are needed.
    /// Throws <see cref="SmppDecodeException"/> (ESME_RINVCMDLEN) when command_length is below 16 or above
    /// <paramref name="maxPduLength"/>: the stream cannot be resynchronised after that, so the session answers
    /// generic_nack and closes.
    /// </summary>
    public static bool TryReadPdu(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> pdu,
        int maxPduLength = DefaultMaxPduLength)
    {
        pdu = default;
        if (buffer.Length < 4)
        {
            return false;
        }
        Span<byte> prefix = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(prefix);
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        if (length < PduHeader.Length || length > (uint)maxPduLength)
        {
            throw new SmppDecodeException(CommandStatus.InvalidCommandLength,
                $"command_length {length} is outside 16..{maxPduLength}");
        }
        if (buffer.Length < length)
        {
            return false;
        }
        pdu = buffer.Slice(0, length);
        buffer = buffer.Slice(pdu.End);
        return true;
    }
}
