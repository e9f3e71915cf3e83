using System.Text;

namespace SmsVerify.Cmpp.Text;

/// <summary>
/// Text to Msg_Content octets and back for each Msg_Fmt. GBK and GB18030 come from
/// <see cref="CodePagesEncodingProvider"/>, which ships with .NET itself: no package is needed, only its registration.
/// </summary>
public static class CmppText
{
    private static readonly Encoding AsciiStrict = Encoding.GetEncoding("us-ascii", EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);
    private static readonly Lazy<Encoding> GbkStrict = new(() => CodePages(936, EncoderFallback.ExceptionFallback));
    private static readonly Lazy<Encoding> Gb18030 = new(() => CodePages(54936, EncoderFallback.ReplacementFallback));

    /// <summary>Encodes <paramref name="text"/>; throws <see cref="ArgumentException"/> for a character the format lacks.</summary>
    public static byte[] Encode(string text, byte msgFmt)
    {
        try
        {
            return msgFmt switch
            {
                MsgFmt.Ascii => AsciiStrict.GetBytes(text),
                MsgFmt.Ucs2 => Encoding.BigEndianUnicode.GetBytes(text),
                MsgFmt.Gb => GbkStrict.Value.GetBytes(text),
                _ => throw new ArgumentException($"Msg_Fmt {msgFmt} is not a text format", nameof(msgFmt)),
            };
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"the text has a character Msg_Fmt {msgFmt} cannot carry: {e.Message}", nameof(text), e);
        }
    }

    /// <summary>
    /// Decodes Msg_Content (skipping the user data header when <paramref name="hasUdh"/>). An unknown format or a
    /// malformed octet never throws: what an MO says matters more than its form, so it reads as Latin-1 or U+FFFD.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> content, byte msgFmt, bool hasUdh = false)
    {
        if (hasUdh && content.Length > 0)
        {
            var skip = Math.Min(content.Length, content[0] + 1);
            content = content[skip..];
        }
        return msgFmt switch
        {
            MsgFmt.Ascii => AsciiStrict.GetString(content),
            MsgFmt.Ucs2 => Encoding.BigEndianUnicode.GetString(content[..(content.Length & ~1)]),
            MsgFmt.Gb => Gb18030.Value.GetString(content),
            _ => Encoding.Latin1.GetString(content),
        };
    }

    private static Encoding CodePages(int codePage, EncoderFallback fallback) =>
        CodePagesEncodingProvider.Instance.GetEncoding(codePage, fallback, DecoderFallback.ReplacementFallback)
        ?? throw new PlatformNotSupportedException($"code page {codePage} is not available");
}
