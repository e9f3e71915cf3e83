using System.Text;

namespace SmsVerify.Smpp.Text;

/// <summary>
/// UCS-2 as SMSCs use it today: UTF-16 big-endian (data_coding 8, SMPP v3.4 §5.2.19). A character outside the
/// BMP (most emoji) is a surrogate pair: two code units, four octets, and it must never be split between parts.
/// </summary>
public static class Ucs2
{
    public static byte[] Encode(string text) => Encoding.BigEndianUnicode.GetBytes(text);

    public static string Decode(ReadOnlySpan<byte> octets) => Encoding.BigEndianUnicode.GetString(octets);

    /// <summary>Code units the text takes on the air; each surrogate pair counts two.</summary>
    public static int CountUnits(ReadOnlySpan<char> text) => text.Length;
}
