using System.Buffers.Binary;
using System.Text;

namespace SmsVerify.Cmpp.Codec;

/// <summary>
/// Writes packet fields into a span sized beforehand by <see cref="Packets.Packet.Length"/>; sizing is where field
/// values are validated, so writing cannot fail halfway.
/// </summary>
public ref struct PacketWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;
    private int _position;

    public void WriteByte(byte value) => _destination[_position++] = value;

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_destination[_position..], value);
        _position += 4;
    }

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_destination[_position..], value);
        _position += 8;
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_destination[_position..]);
        _position += value.Length;
    }

    /// <summary>A fixed-width Octet String, left-aligned and padded with binary zeros (CMPP §7.1).</summary>
    public void WriteOctetString(string? value, int width)
    {
        var field = _destination.Slice(_position, width);
        field.Clear();
        if (!string.IsNullOrEmpty(value))
        {
            Encoding.Latin1.GetBytes(value, field);
        }
        _position += width;
    }

    public void WriteResult(uint value, CmppVersion version)
    {
        if (version == CmppVersion.V20)
        {
            WriteByte((byte)value);
        }
        else
        {
            WriteUInt32(value);
        }
    }

    /// <summary>Width of a 1- or 4-octet result field in <paramref name="version"/>.</summary>
    public static int ResultSize(CmppVersion version) => version == CmppVersion.V20 ? 1 : 4;

    /// <summary>Checks that <paramref name="value"/> fits a field of <paramref name="width"/> octets as ASCII.</summary>
    public static void CheckOctetString(string? value, int width, string field)
    {
        if (value is null)
        {
            return;
        }
        if (value.Length > width)
        {
            throw new ArgumentException($"{field} is longer than {width} characters", field);
        }
        if (value.AsSpan().ContainsAnyExceptInRange('\u0001', '\u007F'))
        {
            throw new ArgumentException($"{field} must be ASCII without NUL", field);
        }
    }
}
