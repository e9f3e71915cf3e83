using System.Buffers.Binary;
using System.Text;

namespace SmsVerify.Cmpp.Codec;

/// <summary>
/// Reads packet fields from a span. Every read is bounds-checked and fails with <see cref="CmppDecodeException"/>,
/// never with an index exception.
/// </summary>
public ref struct PacketReader(ReadOnlySpan<byte> body)
{
    private readonly ReadOnlySpan<byte> _body = body;
    private int _position;

    public readonly int Remaining => _body.Length - _position;

    public byte ReadByte()
    {
        Need(1);
        return _body[_position++];
    }

    public uint ReadUInt32()
    {
        Need(4);
        var value = BinaryPrimitives.ReadUInt32BigEndian(_body[_position..]);
        _position += 4;
        return value;
    }

    public ulong ReadUInt64()
    {
        Need(8);
        var value = BinaryPrimitives.ReadUInt64BigEndian(_body[_position..]);
        _position += 8;
        return value;
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        Need(count);
        var value = _body.Slice(_position, count);
        _position += count;
        return value;
    }

    /// <summary>
    /// A fixed-width Octet String (CMPP §7.1): the text up to its first NUL, the rest being padding. Read as Latin-1 so
    /// that a gateway's stray non-ASCII octet still reads as something rather than failing the packet.
    /// </summary>
    public string ReadOctetString(int width)
    {
        var field = ReadBytes(width);
        var nul = field.IndexOf((byte)0);
        var text = nul < 0 ? field : field[..nul];
        return text.IsEmpty ? string.Empty : Encoding.Latin1.GetString(text);
    }

    /// <summary>A 1- or 4-octet result field: CMPP 2.0 gives Status/Result one octet, CMPP 3.0 four.</summary>
    public uint ReadResult(CmppVersion version) => version == CmppVersion.V20 ? ReadByte() : ReadUInt32();

    private readonly void Need(int count)
    {
        if (count < 0 || Remaining < count)
        {
            throw new CmppDecodeException(
                $"packet truncated: needed {count} octets at offset {_position + PacketHeader.Length}, {Remaining} left");
        }
    }
}
