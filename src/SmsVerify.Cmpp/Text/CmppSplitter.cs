namespace SmsVerify.Cmpp.Text;

/// <summary>
/// Chooses Msg_Fmt, counts parts the way carriers bill them and splits long text into parts with TP_udhi and
/// Pk_total/Pk_number. Msg_Content holds at most 140 octets, or fewer than 160 for ASCII (CMPP §7.4.3.1 Msg_Length):
/// 70 UCS-2 characters or 159 ASCII ones in a single message. A part spends 6 octets on the concatenation header
/// (05 00 03 ref total number, 3GPP TS 23.040 §9.2.3.24.1), leaving 67 UCS-2 characters or 153 ASCII ones, the
/// same counts the vendors bill by. A surrogate pair or a two-octet GBK character is never cut between parts.
/// </summary>
public static class CmppSplitter
{
    public const int Ucs2Single = 70;
    public const int Ucs2Part = 67;
    public const int AsciiSingle = 159;
    public const int AsciiPart = 153;
    public const int MaxParts = 255;
    private const int OctetsSingle = 140;
    private const int UdhLength = 6;

    /// <summary>ASCII when every character is, otherwise UCS-2 (which every handset reads; GBK only on request).</summary>
    public static byte ChooseFormat(ReadOnlySpan<char> text) => System.Text.Ascii.IsValid(text) ? MsgFmt.Ascii : MsgFmt.Ucs2;

    /// <summary>How many messages the text is billed as.</summary>
    public static int CountParts(string text, byte? msgFmt = null) => Ranges(text, msgFmt ?? ChooseFormat(text)).Count;

    /// <summary>
    /// Encodes and splits <paramref name="text"/>; every part carries <paramref name="reference"/> so the handset can
    /// join them. Throws <see cref="ArgumentException"/> for text the format cannot carry or that needs over 255 parts.
    /// </summary>
    public static List<CmppSegment> Split(string text, byte reference = 0, byte? msgFmt = null)
    {
        var format = msgFmt ?? ChooseFormat(text);
        var ranges = Ranges(text, format);
        if (ranges.Count > MaxParts)
        {
            throw new ArgumentException($"text needs {ranges.Count} parts, more than {MaxParts}", nameof(text));
        }
        if (ranges.Count == 1)
        {
            return [new CmppSegment(CmppText.Encode(text, format), format, 0, 1, 1)];
        }
        var segments = new List<CmppSegment>(ranges.Count);
        for (var n = 0; n < ranges.Count; n++)
        {
            var body = CmppText.Encode(text.Substring(ranges[n].Start, ranges[n].Length), format);
            var content = new byte[UdhLength + body.Length];
            ReadOnlySpan<byte> udh = [0x05, 0x00, 0x03, reference, (byte)ranges.Count, (byte)(n + 1)];
            udh.CopyTo(content);
            body.CopyTo(content, UdhLength);
            segments.Add(new CmppSegment(content, format, 1, (byte)ranges.Count, (byte)(n + 1)));
        }
        return segments;
    }

    /// <summary>Character ranges of each part, as (start, length) into the text.</summary>
    private static List<(int Start, int Length)> Ranges(string text, byte format)
    {
        var single = format == MsgFmt.Ascii ? AsciiSingle : OctetsSingle;
        var perPart = format == MsgFmt.Ascii ? AsciiPart : OctetsSingle - UdhLength;
        if (OctetCount(text, format) <= single)
        {
            return [(0, text.Length)];
        }
        var ranges = new List<(int, int)>();
        int start = 0, used = 0, i = 0;
        while (i < text.Length)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var cost = OctetCount(text.Substring(i, width), format);
            if (used + cost > perPart)
            {
                ranges.Add((start, i - start));
                start = i;
                used = 0;
            }
            used += cost;
            i += width;
        }
        ranges.Add((start, text.Length - start));
        return ranges;
    }

    private static int OctetCount(string text, byte format) => format switch
    {
        MsgFmt.Ucs2 => text.Length * 2,
        MsgFmt.Ascii when System.Text.Ascii.IsValid(text) => text.Length,
        _ => CmppText.Encode(text, format).Length,
    };
}
