using System.Collections.Frozen;

namespace SmsVerify.Smpp.Text;

/// <summary>
/// The GSM 03.38 (3GPP TS 23.038 §6.2.1) default alphabet and its extension table. SMPP data_coding 0 normally
/// carries it unpacked, one septet per octet (SMPP v3.4 §5.2.19); <see cref="Pack"/> is for the rare link that
/// wants packed septets, with fill bits so that text after a UDH starts on a septet boundary.
/// </summary>
public static class Gsm7
{
    public const byte Escape = 0x1B;

    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    // Extension table: ESC followed by these septets (TS 23.038 §6.2.1.1). Each costs two septets.
    private static readonly (char Char, byte Septet)[] Extension =
        [('\f', 0x0A), ('^', 0x14), ('{', 0x28), ('}', 0x29), ('\\', 0x2F), ('[', 0x3C), ('~', 0x3D), (']', 0x3E), ('|', 0x40), ('€', 0x65)];

    // Value: the septet, or 0x100 | septet for extension characters. ESC itself is not encodable as text.
    private static readonly FrozenDictionary<char, int> Encoding = BuildEncoding();

    private static FrozenDictionary<char, int> BuildEncoding()
    {
        var map = new Dictionary<char, int>();
        for (var i = 0; i < Basic.Length; i++)
        {
            if (i != Escape)
            {
                map[Basic[i]] = i;
            }
        }
        foreach (var (c, septet) in Extension)
        {
            map[c] = 0x100 | septet;
        }
        return map.ToFrozenDictionary();
    }

    /// <summary>Septets the text needs (extension characters count two), or false if a character has no GSM form.</summary>
    public static bool TryCountSeptets(ReadOnlySpan<char> text, out int septets)
    {
        septets = 0;
        foreach (var c in text)
        {
            if (!Encoding.TryGetValue(c, out var code))
            {
                return false;
            }
            septets += code > 0xFF ? 2 : 1;
        }
        return true;
    }

    public static bool IsEncodable(ReadOnlySpan<char> text) => TryCountSeptets(text, out _);

    /// <summary>Septets of one character: 1, 2 for the extension table, 0 if not encodable.</summary>
    public static int SeptetsOf(char c) => Encoding.TryGetValue(c, out var code) ? (code > 0xFF ? 2 : 1) : 0;

    /// <summary>Unpacked septets, one per octet. Throws <see cref="ArgumentException"/> on a character with no GSM form.</summary>
    public static byte[] Encode(ReadOnlySpan<char> text)
    {
        if (!TryCountSeptets(text, out var septets))
        {
            throw new ArgumentException("text has characters outside the GSM 03.38 alphabet", nameof(text));
        }
        var result = new byte[septets];
        var i = 0;
        foreach (var c in text)
        {
            var code = Encoding[c];
            if (code > 0xFF)
            {
                result[i++] = Escape;
            }
            result[i++] = (byte)code;
        }
        return result;
    }

    /// <summary>Decodes unpacked septets. An unknown escape shows the basic character, as TS 23.038 asks.</summary>
    public static string Decode(ReadOnlySpan<byte> septets)
    {
        var chars = new char[septets.Length];
        var n = 0;
        for (var i = 0; i < septets.Length; i++)
        {
            var s = septets[i] & 0x7F;
            if (s == Escape && i + 1 < septets.Length)
            {
                var next = (byte)(septets[++i] & 0x7F);
                chars[n++] = FindExtension(next) ?? Basic[next];
                continue;
            }
            chars[n++] = s == Escape ? ' ' : Basic[s];
        }
        return new string(chars, 0, n);
    }

    private static char? FindExtension(byte septet)
    {
        foreach (var (c, s) in Extension)
        {
            if (s == septet)
            {
                return c;
            }
        }
        return null;
    }

    /// <summary>Packs septets 8 to 7 octets (TS 23.038 §6.1.2.1.1), after <paramref name="fillBits"/> zero bits.</summary>
    public static byte[] Pack(ReadOnlySpan<byte> septets, int fillBits = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fillBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fillBits, 6);
        var totalBits = fillBits + (septets.Length * 7);
        var result = new byte[(totalBits + 7) / 8];
        var bit = fillBits;
        foreach (var septet in septets)
        {
            var value = septet & 0x7F;
            result[bit / 8] |= (byte)(value << (bit % 8));
            if (bit % 8 > 1)
            {
                result[(bit / 8) + 1] |= (byte)(value >> (8 - (bit % 8)));
            }
            bit += 7;
        }
        return result;
    }

    /// <summary>The inverse of <see cref="Pack"/>.</summary>
    public static byte[] Unpack(ReadOnlySpan<byte> packed, int septetCount, int fillBits = 0)
    {
        if (fillBits + (septetCount * 7) > packed.Length * 8)
        {
            throw new ArgumentException("packed data is shorter than the septet count", nameof(packed));
        }
        var result = new byte[septetCount];
        var bit = fillBits;
        for (var i = 0; i < septetCount; i++, bit += 7)
        {
            var value = packed[bit / 8] >> (bit % 8);
            if (bit % 8 > 1)
            {
                value |= packed[(bit / 8) + 1] << (8 - (bit % 8));
            }
            result[i] = (byte)(value & 0x7F);
        }
        return result;
    }

    /// <summary>Fill bits after a UDH of <paramref name="udhOctets"/> octets (UDHL included) for septet alignment.</summary>
    public static int FillBitsAfterUdh(int udhOctets) => (7 - (udhOctets * 8 % 7)) % 7;
}
