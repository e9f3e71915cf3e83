namespace SmsVerify.Server.Templates.Rules;

/// <summary>What kind of telephone number a run of digits is.</summary>
public enum NumberKind
{
    /// <summary>An 11-digit mobile number (1[3-9]…), optionally after +86.</summary>
    Mobile,
    /// <summary>A landline with its area code: 0 then 9–11 more digits, as in 0755-86013388.</summary>
    Landline,
    /// <summary>A national service number: 400 or 800 and seven more digits.</summary>
    Service,
    /// <summary>A short number of a public service or bank: 95xxx or 96xxx, 5–8 digits (95588).</summary>
    Short,
}

/// <summary>One telephone number in a text.</summary>
public readonly record struct ContactNumber(int Start, int Length, NumberKind Kind);

/// <summary>
/// Finds telephone numbers in text. Digits may be grouped with single hyphens or spaces. Runs of digits that are
/// no telephone number (amounts, order numbers, a local number without area code) are left alone: the rule is
/// about contact details a reader could call.
/// </summary>
public static class ContactNumbers
{
    public static void Find(ReadOnlySpan<char> text, List<ContactNumber> numbers)
    {
        Span<char> digits = stackalloc char[24];
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]) || (i > 0 && (char.IsAsciiLetterOrDigit(text[i - 1]) || text[i - 1] == '.')))
            {
                i++;
                continue;
            }
            var start = i;
            var count = 0;
            var end = i;
            while (end < text.Length)
            {
                if (char.IsAsciiDigit(text[end]))
                {
                    if (count < digits.Length)
                    {
                        digits[count] = text[end];
                    }
                    count++;
                    end++;
                }
                else if (text[end] is '-' or ' ' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1]))
                {
                    end++;
                }
                else
                {
                    break;
                }
            }
            i = end;
            // "1234.56", "12345abc", "96000元" or "95%" are no telephone numbers.
            var decimalOrWord = end < text.Length && (char.IsAsciiLetter(text[end]) || text[end] is '元' or '%'
                || (text[end] == '.' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1])));
            if (!decimalOrWord && count <= digits.Length && Classify(digits[..count]) is { } kind)
            {
                numbers.Add(new ContactNumber(start, end - start, kind));
            }
        }
    }

    public static NumberKind? Classify(ReadOnlySpan<char> digits)
    {
        if (digits.Length == 13 && digits.StartsWith("86"))
        {
            digits = digits[2..];
        }
        return digits switch
        {
            { Length: 11 } when digits[0] == '1' && digits[1] >= '3' => NumberKind.Mobile,
            { Length: 10 } when digits.StartsWith("400") || digits.StartsWith("800") => NumberKind.Service,
            { Length: >= 5 and <= 8 } when digits.StartsWith("95") || digits.StartsWith("96") => NumberKind.Short,
            { Length: >= 10 and <= 12 } when digits[0] == '0' && digits[1] != '0' => NumberKind.Landline,
            _ => null,
        };
    }
}
