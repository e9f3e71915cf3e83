using System.Buffers;
using System.Buffers.Binary;

namespace SmsVerify.Cmpp.Codec;

/// <summary>
/// Cuts packets out of a byte stream by Total_Length (CMPP §7.3: it counts the header too). A pure function that
/// never reads past the buffer.
/// </summary>
public static class PacketFramer
{
    /// <summary>
    /// The longest SUBMIT 3.0 to 100 numbers is 151 + 32·100 + 255 octets; 8 KiB leaves room without letting a
    /// corrupt length make the reader buffer megabytes.
    /// </summary>
    public const int DefaultMaxPacketLength = 8 * 1024;

    /// <summary>
    /// Takes one whole packet off the front of <paramref name="buffer"/>; false when more bytes are needed. Throws
    /// <see cref="CmppDecodeException"/> when Total_Length is below 12 or above <paramref name="maxLength"/>: the
    /// stream cannot be resynchronised after that, so the connection closes.
    /// </summary>
    public static bool TryReadPacket(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> packet,
        int maxLength = DefaultMaxPacketLength)
    {
        packet = default;
        if (buffer.Length < 4)
        {
            return false;
        }
        Span<byte> prefix = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(prefix);
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        if (length < PacketHeader.Length || length > (uint)maxLength)
        {
            throw new CmppDecodeException($"Total_Length {length} is outside {PacketHeader.Length}..{maxLength}");
        }
        if (buffer.Length < length)
        {
            return false;
        }
        packet = buffer.Slice(0, length);
        buffer = buffer.Slice(packet.End);
        return true;
    }
}
