using System.Globalization;

namespace SmsVerify.Server.Templates.Rules.Reading;

/// <summary>
/// What each character of the Basic Multilingual Plane reads as, one character for one, in a table built once:
/// its plain form (full-width ＡＢＣ, circled ① and Ⓐ, super- and subscript digits, double-struck ℍ), Cyrillic and Greek
/// letters that look Latin, Traditional characters as Simplified, Latin letters in lower case. Characters that
/// carry nothing a reader sees (zero-width, direction marks, soft hyphens, combining marks, variation selectors)
/// read as <see cref="Nothing"/>.
/// </summary>
internal static class CharFolding
{
    /// <summary>Read as nothing: dropped from the normal text.</summary>
    public const char Nothing = '\uFFFF';

    // Cyrillic and Greek letters that readers take for Latin ones (after lower-casing). From Unicode's confusables
    // list, the ones that matter for words and domains written in Latin letters.
    private const string LookAlikes =
        "аaбbвbгrдdеeёeз3иuйuкkлnмmнhоoпnрpсcтtуyхxьbіiїiјjѕsԁdԛqԝwһhӏlɡgɑaοoαaβbεeηnιiκkνvρpτtυuχxωwςcϲcϳj";

    private static readonly char[] Table = Build();

    public static char Fold(char c) => Table[c];

    // The compatibility forms that spell letters and digits, written out: the server runs with invariant
    // globalization, where string.Normalize leaves them as they are.
    private static char Compatible(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\uFF61' => '。',
        >= '\u2460' and <= '\u2468' => (char)('1' + (c - '\u2460')),
        >= '\u2474' and <= '\u247C' => (char)('1' + (c - '\u2474')),
        >= '\u2488' and <= '\u2490' => (char)('1' + (c - '\u2488')),
        >= '\u24B6' and <= '\u24CF' => (char)('a' + (c - '\u24B6')),
        >= '\u24D0' and <= '\u24E9' => (char)('a' + (c - '\u24D0')),
        >= '\u2080' and <= '\u2089' => (char)('0' + (c - '\u2080')),
        '\u2070' => '0',
        '\u00B9' => '1',
        '\u00B2' => '2',
        '\u00B3' => '3',
        >= '\u2074' and <= '\u2079' => (char)('4' + (c - '\u2074')),
        '\u24EA' or '\u24FF' => '0',
        '\u2102' => 'c',
        '\u210D' => 'h',
        '\u2115' => 'n',
        '\u2119' => 'p',
        '\u211A' => 'q',
        '\u211D' => 'r',
        '\u2124' => 'z',
        '\u2113' => 'l',
        _ => c,
    };

    private static char[] Build()
    {
        var table = new char[0x10000];
        for (var i = 0; i < table.Length; i++)
        {
            var c = (char)i;
            table[i] = c;
            if (char.IsSurrogate(c))
            {
                continue;
            }
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                table[i] = Nothing;
                continue;
            }
            table[i] = Compatible(c);
            table[i] = table[i] == '\u3000' || char.IsWhiteSpace(table[i]) ? ' ' : char.ToLowerInvariant(table[i]);
        }
        for (var i = 0; i < LookAlikes.Length; i += 2)
        {
            table[LookAlikes[i]] = LookAlikes[i + 1];
            table[char.ToUpperInvariant(LookAlikes[i])] = LookAlikes[i + 1];
        }
        var han = HanVariants.Pairs;
        for (var i = 0; i < han.Length; i += 2)
        {
            table[han[i]] = han[i + 1];
        }
        // Line and paragraph separators are space to a reader.
        table['\u2028'] = table['\u2029'] = ' ';
        return table;
    }
}
