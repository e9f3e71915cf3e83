namespace SmsVerify.Cmpp.Text;

/// <summary>
/// Which part of a long message a Msg_Content with TP_udhi 1 is, read from its user data header (3GPP TS 23.040
/// §9.2.3.24.1 and §9.2.3.24.8: IE 0x00 with an 8-bit reference, IE 0x08 with a 16-bit one). For joining the parts of
/// a long MO message; other IEs in the header are skipped.
/// </summary>
public readonly record struct ConcatenatedPart(int Reference, int Total, int Sequence)
{
    /// <summary>False when there is no well-formed concatenation IE, or its numbers are impossible (part 0, part 3 of 2).</summary>
    public static bool TryRead(ReadOnlySpan<byte> content, out ConcatenatedPart part)
    {
        part = default;
        if (content.IsEmpty || content[0] + 1 > content.Length)
        {
            return false;
        }
        var header = content.Slice(1, content[0]);
        while (header.Length >= 2)
        {
            int id = header[0], length = header[1];
            if (length + 2 > header.Length)
            {
                return false;
            }
            var data = header.Slice(2, length);
            part = (id, length) switch
            {
                (0x00, 3) => new ConcatenatedPart(data[0], data[1], data[2]),
                (0x08, 4) => new ConcatenatedPart((data[0] << 8) | data[1], data[2], data[3]),
                _ => default,
            };
            if (part.Total > 0)
            {
                return part.Sequence >= 1 && part.Sequence <= part.Total;
            }
            header = header[(length + 2)..];
        }
        return false;
    }
}
