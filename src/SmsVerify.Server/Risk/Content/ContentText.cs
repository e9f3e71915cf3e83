using System.Globalization;
using SmsVerify.Server.Templates.Rules.Reading;

namespace SmsVerify.Server.Risk.Content;

/// <summary>
/// Turns a message into the text the classifier sees. Training and scoring both call this one function, so what
/// the model learned from is exactly what it is asked about. The message is read through the one normalisation
/// (<see cref="NormalText"/>: full-width, look-alike letters, Traditional characters, zero-width and spaced-out
/// words), so the classifier sees through the tricks the rules see through. Then it removes what the training
/// labels leak rather than what the message says: in the Chinese corpus only spam carries a <c>【签名】</c> and only
/// spam has its digits masked as <c>x</c>, so a signature and every run of digits or masks would otherwise vote
/// for a label by themselves (see docs/risk.md).
/// </summary>
public static class ContentText
{
    /// <summary>What every run of digits (and of <c>x</c> masks) becomes.</summary>
    public const char Number = '0';

    // A signature is short; a longer bracketed run at the start is part of the message.
    private const int MaxSignatureLength = 24;

    // One reader per thread: reading allocates nothing once its buffers have grown to the longest text seen.
    [ThreadStatic]
    private static NormalText? t_reader;

    /// <summary>
    /// Writes the normalised form of <paramref name="text"/> to <paramref name="destination"/> (at least as long as
    /// the text) and returns its length. Allocates nothing.
    /// </summary>
    public static int Normalise(ReadOnlySpan<char> text, Span<char> destination)
    {
        text = (t_reader ??= new NormalText()).Read(WithoutSignatures(text.Trim())).Text;
        var length = 0;
        var pendingSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = length > 0;
                continue;
            }
            var runEnd = NumberRunEnd(text, i);
            if (runEnd > i)
            {
                // "138 1234 5678", "0755-8601" and "xx95" are one number each.
                if (length > 0 && destination[length - 1] == Number)
                {
                    pendingSpace = false;
                }
                else if (length > 1 && destination[length - 2] == Number && destination[length - 1] == '-')
                {
                    length--;
                    pendingSpace = false;
                }
                else
                {
                    AddSpace(destination, ref length, ref pendingSpace, Number);
                    destination[length++] = Number;
                }
                i = runEnd - 1;
                continue;
            }
            AddSpace(destination, ref length, ref pendingSpace, c);
            destination[length++] = c;
        }
        return length;
    }

    /// <summary>The normalised text as a string, for the training tool and tests.</summary>
    public static string Normalise(string text)
    {
        var buffer = new char[text.Length];
        return new string(buffer, 0, Normalise(text, buffer));
    }

    /// <summary>The text without a leading <c>【…】</c> or <c>[…]</c> signature, nor a trailing one.</summary>
    public static ReadOnlySpan<char> WithoutSignatures(ReadOnlySpan<char> text)
    {
        if (text.Length > 0 && Closing(text[0]) is { } close)
        {
            var end = text[1..].IndexOf(close);
            if (end is >= 0 and < MaxSignatureLength)
            {
                text = text[(end + 2)..].TrimStart();
            }
        }
        if (text.Length > 0 && Opening(text[^1]) is { } open)
        {
            var start = text[..^1].LastIndexOf(open);
            if (start >= 0 && text.Length - start - 2 < MaxSignatureLength)
            {
                text = text[..start].TrimEnd();
            }
        }
        return text;
    }

    // Where a run of digits, or of x masks standing alone (not inside a word such as "box" or "zhuxuexx"), ends.
    private static int NumberRunEnd(ReadOnlySpan<char> text, int start)
    {
        var c = text[start];
        if (char.IsDigit(c))
        {
            var end = start + 1;
            while (end < text.Length && char.IsDigit(text[end]))
            {
                end++;
            }
            return end;
        }
        if (c != 'x' || (start > 0 && char.IsAsciiLetter(text[start - 1])))
        {
            return start;
        }
        var xEnd = start + 1;
        while (xEnd < text.Length && text[xEnd] == 'x')
        {
            xEnd++;
        }
        return xEnd < text.Length && char.IsAsciiLetter(text[xEnd]) ? start : xEnd;
    }

    // Spaces matter only between Latin words or numbers: the Chinese corpus lost all others when it was segmented.
    private static void AddSpace(Span<char> destination, ref int length, ref bool pendingSpace, char next)
    {
        if (pendingSpace && IsWordChar(destination[length - 1]) && IsWordChar(next))
        {
            destination[length++] = ' ';
        }
        pendingSpace = false;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DecimalDigitNumber;

    private static char? Closing(char c) => c switch { '【' => '】', '[' => ']', '［' => '］', _ => null };

    private static char? Opening(char c) => c switch { '】' => '【', ']' => '[', '］' => '［', _ => null };
}
