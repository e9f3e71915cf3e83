namespace SmsVerify.Smpp.Text;

/// <summary>
/// Chooses the alphabet, counts parts the way carriers bill them and splits long text. One part holds 160 GSM
/// septets or 70 UCS-2 units; with a 6-octet concatenation UDH each part holds 153 septets or 67 units
/// (3GPP TS 23.040 §9.2.3.24.1). An escape pair (€, [ …) or a surrogate pair is never cut between parts, so a
/// part may hold one less.
/// </summary>
public static class SmsSplitter
{
    public const int GsmSingle = 160;
    public const int GsmPart = 153;
    public const int Ucs2Single = 70;
    public const int Ucs2Part = 67;
    public const int MaxParts = 255;

    /// <summary>GSM 7-bit if every character is encodable, otherwise UCS-2.</summary>
    public static SmsAlphabet ChooseAlphabet(ReadOnlySpan<char> text) =>
        Gsm7.IsEncodable(text) ? SmsAlphabet.Gsm7 : SmsAlphabet.Ucs2;

    /// <summary>How many SMS the text is billed as.</summary>
    public static int CountParts(ReadOnlySpan<char> text) => CountParts(text, ChooseAlphabet(text));

    public static int CountParts(ReadOnlySpan<char> text, SmsAlphabet alphabet)
    {
        var parts = 0;
        foreach (var _ in EnumerateParts(text, alphabet))
        {
            parts++;
        }
        return parts;
    }

    /// <summary>Character ranges of each part, as (start, length) into the text.</summary>
    public static List<(int Start, int Length)> EnumerateParts(ReadOnlySpan<char> text, SmsAlphabet alphabet)
    {
        var result = new List<(int, int)>();
        var total = alphabet == SmsAlphabet.Gsm7
            ? (Gsm7.TryCountSeptets(text, out var septets) ? septets
                : throw new ArgumentException("text is not GSM-encodable", nameof(text)))
            : text.Length;
        var single = alphabet == SmsAlphabet.Gsm7 ? GsmSingle : Ucs2Single;
        if (total <= single)
        {
            result.Add((0, text.Length));
            return result;
        }
        var perPart = alphabet == SmsAlphabet.Gsm7 ? GsmPart : Ucs2Part;
        int start = 0, used = 0, i = 0;
        while (i < text.Length)
        {
            var width = alphabet == SmsAlphabet.Gsm7 ? 1 : (char.IsHighSurrogate(text[i]) && i + 1 < text.Length
                && char.IsLowSurrogate(text[i + 1]) ? 2 : 1);
            var cost = alphabet == SmsAlphabet.Gsm7 ? Gsm7.SeptetsOf(text[i]) : width;
            if (used + cost > perPart)
            {
                result.Add((start, i - start));
                start = i;
                used = 0;
            }
            used += cost;
            i += width;
        }
        result.Add((start, text.Length - start));
        return result;
    }

    /// <summary>
    /// Encodes and splits <paramref name="text"/>. <paramref name="reference"/> ties the parts together; with UDH
    /// only its low 8 bits are sent. <paramref name="packGsm"/> packs septets after the UDH with fill bits, for
    /// links that expect packed GSM in data_coding 0 (most expect it unpacked).
    /// </summary>
    public static List<SmsSegment> Split(string text, ConcatenationMode mode = ConcatenationMode.Udh,
        ushort reference = 0, SmsAlphabet? alphabet = null, bool packGsm = false)
    {
        var chosen = alphabet ?? ChooseAlphabet(text);
        var ranges = EnumerateParts(text, chosen);
        if (ranges.Count > MaxParts)
        {
            throw new ArgumentException($"text needs {ranges.Count} parts, more than {MaxParts}", nameof(text));
        }
        var coding = chosen == SmsAlphabet.Gsm7 ? DataCoding.SmscDefault : DataCoding.Ucs2;
        var segments = new List<SmsSegment>(ranges.Count);
        for (var n = 0; n < ranges.Count; n++)
        {
            var (start, length) = ranges[n];
            var chunk = text.AsSpan(start, length);
            var body = chosen == SmsAlphabet.Gsm7 ? Gsm7.Encode(chunk) : Ucs2.Encode(chunk.ToString());
            if (ranges.Count == 1)
            {
                segments.Add(new SmsSegment(packGsm && chosen == SmsAlphabet.Gsm7 ? Gsm7.Pack(body) : body, coding, 0, null, null, null));
            }
            else if (mode == ConcatenationMode.Sar)
            {
                segments.Add(new SmsSegment(packGsm && chosen == SmsAlphabet.Gsm7 ? Gsm7.Pack(body) : body, coding, 0,
                    reference, (byte)ranges.Count, (byte)(n + 1)));
            }
            else
            {
                segments.Add(new SmsSegment(WithUdh(body, (byte)reference, ranges.Count, n + 1, packGsm && chosen == SmsAlphabet.Gsm7),
                    coding, SmsSegment.EsmClassUdhIndicator, null, null, null));
            }
        }
        return segments;
    }

    // UDHL 5, IE 0x00 (concatenated SM, 8-bit reference), IEDL 3, reference, total, sequence (TS 23.040 §9.2.3.24.1).
    private static byte[] WithUdh(byte[] body, byte reference, int total, int sequence, bool pack)
    {
        ReadOnlySpan<byte> udh = [0x05, 0x00, 0x03, reference, (byte)total, (byte)sequence];
        var payload = pack ? Gsm7.Pack(body, Gsm7.FillBitsAfterUdh(udh.Length)) : body;
        var result = new byte[udh.Length + payload.Length];
        udh.CopyTo(result);
        payload.CopyTo(result.AsSpan(udh.Length));
        return result;
    }
}
