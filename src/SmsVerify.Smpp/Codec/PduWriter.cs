using System.Buffers.Binary;
using System.Text;

namespace SmsVerify.Smpp.Codec;

/// <summary>
/// Writes PDU fields into a span sized beforehand by <see cref="Pdus.Pdu.Length"/>; sizing is where lengths are
/// validated, so writing cannot fail halfway.
/// </summary>
public ref struct PduWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;
    private int _position;

    public readonly int Position => _position;

    public void WriteByte(byte value) => _destination[_position++] = value;

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_destination[_position..], value);
        _position += 2;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_destination[_position..], value);
        _position += 4;
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_destination[_position..]);
        _position += value.Length;
    }

    /// <summary>A C-Octet String: the characters then NUL (SMPP v3.4 §3.1). Null writes the lone NUL.</summary>
    public void WriteCString(string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _position += Encoding.Latin1.GetBytes(value, _destination[_position..]);
        }
        _destination[_position++] = 0;
    }

    /// <summary>Octets a C-Octet String takes, NUL included; throws if it exceeds the field's maximum.</summary>
    public static int CStringSize(string? value, int maxLength, string field)
    {
        var size = (value?.Length ?? 0) + 1;
        if (size > maxLength)
        {
            throw new ArgumentException($"{field} is longer than {maxLength - 1} characters", field);
        }
        if (value is not null && value.AsSpan().ContainsAnyExceptInRange('\u0001', '\u00FF'))
        {
            throw new ArgumentException($"{field} must be ASCII without NUL", field);
        }
        return size;
    }
}
