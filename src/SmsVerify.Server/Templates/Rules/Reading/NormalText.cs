using SmsVerify.Server.Review;

namespace SmsVerify.Server.Templates.Rules.Reading;

/// <summary>
/// A text as every content rule reads it, with the way back to the original. The one normalisation of
/// SmsVerify: template review and pre-check, signature rules, values at send and the content scorer all read
/// through it, so a trick that hides a word from one hides it from none. It
/// <list type="bullet">
/// <item>folds each character (<see cref="CharFolding"/>): full-width, compatibility forms, look-alike letters,
/// Traditional to Simplified, lower case; drops zero-width and formatting characters;</item>
/// <item>reads through spaces and fillers (<c>·*_~|^、</c>) between Chinese characters, between digits and between
/// letters spelled out one by one: <c>加 微 信</c>, <c>138 1234 5678</c>, <c>w w w</c>;</item>
/// <item>reads <c>。</c>, <c>点</c>, <c>(.)</c>, <c>[.]</c> and <c>(dot)</c> between Latin letters or digits as a dot, and
/// spaces around a spaced dot (<c>example . com</c>) as nothing;</item>
/// <item>reads runs of four or more Chinese numerals and digits (一三八…, 壹贰叁…) as digits.</item>
/// </list>
/// Each character of <see cref="Text"/> knows the span of the original it came from, so findings point there
/// (<see cref="Original"/>). Reuse one instance per thread: <see cref="Read"/> allocates nothing once its buffers
/// are large enough.
/// </summary>
public sealed class NormalText
{
    // Characters a reader skips when they stand between the parts of one word or number.
    private const string Fillers = "·•‧∙*_~|^、¦";

    private const int MinNumeralRun = 4;

    // Numbers are written in groups of at most four (138 1234 5678, 0755 8601 3388); after a longer run a space
    // or 、 ends the number: 95588、4008208820 are two.
    private const int MaxDigitGroup = 4;

    private char[] _text = new char[64];
    private int[] _from = new int[64];
    private int[] _to = new int[64];

    public int Length { get; private set; }

    // Where the digit group being written began, when digits before it were read through a separator.
    private int _groupStart;

    public ReadOnlySpan<char> Text => _text.AsSpan(0, Length);

    /// <summary>The normal form of <paramref name="original"/> as a string, for word lists and tests.</summary>
    public static string Of(string original) => new NormalText().Read(original).Text.ToString();

    /// <summary>Where the normal characters <paramref name="start"/>…<paramref name="start"/>+<paramref name="length"/> came from.</summary>
    public TextSpan Original(int start, int length) =>
        length == 0 ? new TextSpan(start < Length ? _from[start] : _to[Length - 1], 0) : new TextSpan(_from[start], _to[start + length - 1] - _from[start]);

    /// <summary>The normal form of <paramref name="original"/>, replacing what was read before.</summary>
    public NormalText Read(ReadOnlySpan<char> original)
    {
        if (_text.Length < original.Length)
        {
            var size = Math.Max(original.Length, _text.Length * 2);
            (_text, _from, _to) = (new char[size], new int[size], new int[size]);
        }
        Length = _groupStart = 0;
        var i = 0;
        while (i < original.Length)
        {
            var c = CharFolding.Fold(original[i]);
            if (c == CharFolding.Nothing)
            {
                i++;
                continue;
            }
            if (c == ' ' || Fillers.Contains(c))
            {
                i = Separator(original, i);
                continue;
            }
            if (Dot(original, i) is var dotEnd && dotEnd > i)
            {
                Emit('.', i, dotEnd);
                i = dotEnd;
                continue;
            }
            Emit(c, i, i + 1);
            i++;
        }
        ReadNumerals();
        return this;
    }

    /// <summary>Reads the run of spaces and fillers from <paramref name="start"/>: kept as one space, or dropped; returns where it ends.</summary>
    private int Separator(ReadOnlySpan<char> original, int start)
    {
        var end = start;
        while (end < original.Length && (CharFolding.Fold(original[end]) is var c && (c == ' ' || c == CharFolding.Nothing || Fillers.Contains(c))))
        {
            end++;
        }
        if (Length == 0 || end == original.Length)
        {
            return end;
        }
        var before = _text[Length - 1];
        var after = CharFolding.Fold(original[end]);
        var spacedDot = after == '.' && char.IsAsciiLetterOrDigit(before) && end + 1 < original.Length && original[end + 1] == ' ';
        var readThrough = (IsHan(before) && (IsHan(after) || char.IsAsciiDigit(after) || char.IsAsciiLetter(after)))
            || (IsHan(after) && (char.IsAsciiDigit(before) || char.IsAsciiLetter(before)))
            || (char.IsAsciiDigit(before) && char.IsAsciiDigit(after) && DigitsBefore() <= MaxDigitGroup)
            || (SingleLetter(original) && char.IsAsciiLetter(after) && SingleLetterAhead(original, end))
            || spacedDot
            || (before == '.' && Length > 1 && SpacedDotBehind(original, start) && char.IsAsciiLetterOrDigit(after));
        if (readThrough && char.IsAsciiDigit(before) && char.IsAsciiDigit(after))
        {
            _groupStart = Length;
        }
        if (!readThrough)
        {
            // Kept as its first character: a space stays a space, and 、 between two numbers still parts them.
            Emit(CharFolding.Fold(original[start]) is var first && first != CharFolding.Nothing ? first : ' ', start, end);
        }
        return end;
    }

    private int DigitsBefore()
    {
        var count = 0;
        while (Length - 1 - count >= _groupStart && char.IsAsciiDigit(_text[Length - 1 - count]))
        {
            count++;
        }
        return count;
    }

    // Whether the letter just written stood alone where it was written: "v x" and "w w w" are spelled-out words.
    private bool SingleLetter(ReadOnlySpan<char> original)
    {
        var at = _from[Length - 1];
        return char.IsAsciiLetter(_text[Length - 1]) && (at == 0 || !char.IsAsciiLetterOrDigit(CharFolding.Fold(original[at - 1])));
    }

    private static bool SingleLetterAhead(ReadOnlySpan<char> original, int at) =>
        at + 1 >= original.Length || !char.IsAsciiLetterOrDigit(CharFolding.Fold(original[at + 1]));

    // "example . com": the dot written was preceded by a space in the original.
    private static bool SpacedDotBehind(ReadOnlySpan<char> original, int separatorStart) =>
        separatorStart >= 2 && CharFolding.Fold(original[separatorStart - 1]) == '.' && original[separatorStart - 2] == ' ';

    /// <summary>
    /// Where a dot written some other way ends, when one starts at <paramref name="at"/> between a Latin letter or
    /// digit and a Latin letter (<c>example。com</c>, <c>example点com</c>, <c>example(dot)com</c>); else <paramref name="at"/>.
    /// </summary>
    private int Dot(ReadOnlySpan<char> original, int at)
    {
        if (Length == 0 || !char.IsAsciiLetterOrDigit(_text[Length - 1]))
        {
            return at;
        }
        var end = CharFolding.Fold(original[at]) switch
        {
            '。' or '点' or '｡' => at + 1,
            '(' or '[' or '{' or '<' => Bracketed(original, at),
            _ => at,
        };
        return end > at && end < original.Length && char.IsAsciiLetter(CharFolding.Fold(original[end])) ? end : at;
    }

    private static int Bracketed(ReadOnlySpan<char> original, int at)
    {
        var close = original[(at + 1)..].IndexOfAny(")]}>）】");
        if (close is < 1 or > 4)
        {
            return at;
        }
        var inside = original.Slice(at + 1, close).Trim();
        return inside is "." or "。" or "点" || inside.Equals("dot", StringComparison.OrdinalIgnoreCase) ? at + close + 2 : at;
    }

    private void Emit(char c, int from, int to)
    {
        _text[Length] = c;
        _from[Length] = from;
        _to[Length] = to;
        Length++;
    }

    // 一三八一二三四五六七八 is a mobile number; 一个 or 三五 are words.
    private void ReadNumerals()
    {
        var start = 0;
        while (start < Length)
        {
            var end = start;
            var numerals = 0;
            while (end < Length && (char.IsAsciiDigit(_text[end]) || Numeral(_text[end]) >= 0))
            {
                numerals += char.IsAsciiDigit(_text[end]) ? 0 : 1;
                end++;
            }
            if (numerals > 0 && end - start >= MinNumeralRun)
            {
                for (var i = start; i < end; i++)
                {
                    if (Numeral(_text[i]) is var digit and >= 0)
                    {
                        _text[i] = (char)('0' + digit);
                    }
                }
            }
            start = end + 1;
        }
    }

    private static int Numeral(char c) => c switch
    {
        '〇' or '零' or '洞' => 0,
        '一' or '壹' or '幺' or '腰' => 1,
        '二' or '贰' or '两' => 2,
        '三' or '叁' => 3,
        '四' or '肆' => 4,
        '五' or '伍' => 5,
        '六' or '陆' => 6,
        '七' or '柒' or '拐' => 7,
        '八' or '捌' => 8,
        '九' or '玖' or '勾' => 9,
        _ => -1,
    };

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';
}
