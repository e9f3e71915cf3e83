using System.Globalization;
using SmsVerify.Server.Policy;
using SmsVerify.Server.Templates.Rules.Reading;

namespace SmsVerify.Server.Templates.Rules;

/// <summary>
/// What a variable of each type may hold when a message is sent, so that no variable smuggles a link, a phone
/// number or an advertisement into an approved template.
/// </summary>
public static class VariableValues
{
    public const int MaxNumberDigits = 20;
    public const int MaxNameLength = 10;
    public const int MaxTextLength = 35;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy'年'M'月'd'日'"];
    private static readonly string[] TimeFormats = ["HH:mm", "HH:mm:ss"];

    /// <summary>Why <paramref name="value"/> may not fill a variable of <paramref name="type"/>, or null if it may.</summary>
    public static string? Check(VariableType type, string value, VerificationCodeLength? codeLength = null, int maxTextLength = MaxTextLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "The value is empty.";
        }
        return type switch
        {
            VariableType.Code => Code(value, codeLength ?? VerificationCodeLength.Default),
            VariableType.Number => value.Length <= MaxNumberDigits && AllDigits(value) ? null : $"A number is 1–{MaxNumberDigits} digits.",
            VariableType.Amount => Amount(value),
            VariableType.Date => DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? null : "A date is written yyyy-MM-dd or yyyy年M月d日.",
            VariableType.Time => TimeOnly.TryParseExact(value, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? null : "A time is written HH:mm or HH:mm:ss.",
            VariableType.Name => Name(value),
            VariableType.Phone => Phone(value),
            _ => Text(value, maxTextLength),
        };
    }

    private static string? Code(string value, VerificationCodeLength length)
    {
        if (value.Length < length.Min || value.Length > length.Max)
        {
            return $"A code is {length.Min}–{length.Max} characters; this one has {value.Length}.";
        }
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return "A code is made of letters and digits only.";
            }
        }
        return null;
    }

    private static string? Amount(string value)
    {
        var dot = value.IndexOf('.');
        var whole = dot < 0 ? value.AsSpan() : value.AsSpan(0, dot);
        var fraction = dot < 0 ? [] : value.AsSpan(dot + 1);
        return whole.Length is >= 1 and <= 15 && AllDigits(whole) && (dot < 0 || (fraction.Length is 1 or 2 && AllDigits(fraction)))
            ? null
            : "An amount is a decimal number with at most two decimal places, such as 12.50.";
    }

    private static string? Name(string value)
    {
        if (value.Length > MaxNameLength)
        {
            return $"A name is at most {MaxNameLength} characters.";
        }
        if (AllDigits(value))
        {
            return "A name cannot be only digits.";
        }
        return HasLink(value) ? "A name cannot contain a link." : null;
    }

    private static string? Phone(string value)
    {
        var digits = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c != '-')
            {
                return "A phone number is made of digits and hyphens.";
            }
        }
        var mobile = value.Length == 11 && digits == 11 && value[0] == '1';
        var landline = value.Length is >= 5 and <= 13 && digits >= 5 && char.IsAsciiDigit(value[0]) && char.IsAsciiDigit(value[^1]);
        return mobile || landline ? null : "A phone number is an 11-digit mobile number starting with 1, or 5–13 digits and hyphens.";
    }

    private static string? Text(string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            return $"A text value is at most {maxLength} characters; this one has {value.Length}.";
        }
        if (value.AsSpan().IndexOfAny('【', '】') >= 0)
        {
            return "A text value cannot contain 【】.";
        }
        return HasLink(value) ? "A text value cannot contain a link." : null;
    }

    // Read as every content rule reads: "example。com" is a link too.
    private static bool HasLink(string value) => Links.Contains((t_normal ??= new NormalText()).Read(value).Text);

    [ThreadStatic]
    private static NormalText? t_normal;

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return text.Length > 0;
    }
}
