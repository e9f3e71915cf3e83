using System.Buffers.Binary;
using System.Text;

namespace SmsVerify.Smpp.Codec;

/// <summary>
/// Reads PDU fields from a span. Every read is bounds-checked and fails with <see cref="SmppDecodeException"/>,
/// never with an index exception.
/// </summary>
public ref struct PduReader(ReadOnlySpan<byte> body)
{
    private readonly ReadOnlySpan<byte> _body = body;
    private int _position;

    public readonly int Remaining => _body.Length - _position;

    public byte ReadByte()
    {
        Need(1);
        return _body[_position++];
    }

    public ushort ReadUInt16()
    {
        Need(2);
        var value = BinaryPrimitives.ReadUInt16BigEndian(_body[_position..]);
        _position += 2;
        return value;
    }

    public uint ReadUInt32()
    {
        Need(4);
        var value = BinaryPrimitives.ReadUInt32BigEndian(_body[_position..]);
        _position += 4;
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
    /// A C-Octet String (SMPP v3.4 §3.1): ASCII ending in NUL, at most <paramref name="maxLength"/> octets
    /// counting the NUL. Without a NUL within that bound the PDU fails with <paramref name="status"/>.
    /// </summary>
    public string ReadCString(int maxLength, uint status)
    {
        var window = _body[_position..];
        if (window.Length > maxLength)
        {
            window = window[..maxLength];
        }
        var nul = window.IndexOf((byte)0);
        if (nul < 0)
        {
            throw new SmppDecodeException(status,
                $"C-octet string at offset {_position + PduHeader.Length} has no NUL within {maxLength} octets");
        }
        _position += nul + 1;
        return nul == 0 ? string.Empty : Encoding.Latin1.GetString(window[..nul]);
    }

    /// <summary>
    /// A C-octet string that runs to its NUL or, lacking one, to the end of the body, whatever its length: for a
    /// field whose value matters more than its form (the PDU's own length bounds it).
    /// </summary>
    public string ReadCStringToEnd()
    {
        var window = _body[_position..];
        var nul = window.IndexOf((byte)0);
        var length = nul < 0 ? window.Length : nul;
        _position += nul < 0 ? window.Length : nul + 1;
        return length == 0 ? string.Empty : Encoding.Latin1.GetString(window[..length]);
    }

    private readonly void Need(int count)
    {
        if (count < 0 || Remaining < count)
        {
            throw new SmppDecodeException(CommandStatus.InvalidCommandLength,
                $"PDU body truncated: needed {count} octets at offset {_position + PduHeader.Length}, {Remaining} left");
        }
    }
}
