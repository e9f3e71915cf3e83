namespace SmsVerify.Server.Templates.Rules;

/// <summary>
/// Reads the <c>${name}</c> and <c>${name:type}</c> variables of a template. A name is 1–32 ASCII letters, digits
/// or underscores; without a declared type, the type is inferred from the words in the name.
/// </summary>
public static class VariableParser
{
    public const int MaxNameLength = 32;

    public static void Parse(string content, List<VariableToken> tokens, List<VariableProblem>? problems)
    {
        var at = 0;
        while ((at = content.IndexOf("${", at, StringComparison.Ordinal)) >= 0)
        {
            var close = content.IndexOf('}', at + 2);
            var reopen = content.IndexOf("${", at + 2, StringComparison.Ordinal);
            if (close < 0 || (reopen >= 0 && reopen < close))
            {
                var end = reopen >= 0 ? reopen : (close < 0 ? content.Length : close + 1);
                problems?.Add(new VariableProblem(at, end - at, TemplateFindingCodes.VariableMalformed,
                    $"\"{content[at..end]}\" opens a variable with ${{ but never closes it with }}."));
                at = end;
                continue;
            }
            var inner = content.AsSpan(at + 2, close - at - 2);
            var colon = inner.IndexOf(':');
            var name = colon < 0 ? inner : inner[..colon];
            var length = close - at + 1;
            if (!IsName(name))
            {
                problems?.Add(new VariableProblem(at, length, TemplateFindingCodes.VariableMalformed,
                    $"\"{content.Substring(at, length)}\" is not a variable: a name is 1–{MaxNameLength} letters, digits or underscores, as in ${{code}}."));
            }
            else if (colon < 0)
            {
                tokens.Add(new VariableToken(at, length, name.ToString(), Infer(name)));
            }
            else if (TryParseType(inner[(colon + 1)..], out var declared))
            {
                tokens.Add(new VariableToken(at, length, name.ToString(), declared));
            }
            else
            {
                problems?.Add(new VariableProblem(at, length, TemplateFindingCodes.VariableTypeUnknown,
                    $"\"{content.Substring(at, length)}\" declares an unknown type; use one of code, amount, date, time, name, phone, number, text."));
            }
            at = close + 1;
        }
    }

    public static bool TryParseType(ReadOnlySpan<char> text, out VariableType type)
    {
        // Enum.TryParse would also take "1" or "Code, Text"; only the lower-case names are the syntax.
        foreach (var candidate in Enum.GetValues<VariableType>())
        {
            if (text.Equals(candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }
        type = VariableType.Text;
        return false;
    }

    /// <summary>The type a name suggests: the first rule any word of the name meets (smsCode → code).</summary>
    public static VariableType Infer(ReadOnlySpan<char> name)
    {
        Span<char> buffer = name.Length <= 64 ? stackalloc char[name.Length] : new char[name.Length];
        name.ToLowerInvariant(buffer);
        ReadOnlySpan<char> lower = buffer;
        var best = VariableType.Text;
        var start = 0;
        for (var i = 1; i <= name.Length; i++)
        {
            // Words split at underscores, digits and lower-to-upper steps: user_name, orderAmount, code2.
            var boundary = i == name.Length || name[i] == '_' || char.IsAsciiDigit(name[i]) != char.IsAsciiDigit(name[i - 1])
                || (char.IsAsciiLetterUpper(name[i]) && char.IsAsciiLetterLower(name[i - 1]));
            if (!boundary)
            {
                continue;
            }
            var word = lower[start..i].Trim('_');
            var type = Classify(word);
            if (type < best)
            {
                best = type;
            }
            start = i;
        }
        return best;
    }

    private static VariableType Classify(ReadOnlySpan<char> word) => word switch
    {
        "code" or "captcha" or "otp" => VariableType.Code,
        _ when word.EndsWith("code") || word.EndsWith("captcha") => VariableType.Code,
        "amount" or "money" or "price" or "fee" => VariableType.Amount,
        _ when word.EndsWith("amount") || word.EndsWith("money") || word.EndsWith("price") => VariableType.Amount,
        _ when word.EndsWith("date") => VariableType.Date,
        _ when word.EndsWith("time") => VariableType.Time,
        "name" or "user" => VariableType.Name,
        _ when word.EndsWith("name") => VariableType.Name,
        "phone" or "mobile" or "tel" => VariableType.Phone,
        _ when word.EndsWith("phone") || word.EndsWith("mobile") => VariableType.Phone,
        "count" or "num" or "number" or "qty" => VariableType.Number,
        _ when word.EndsWith("count") || word.EndsWith("number") => VariableType.Number,
        _ => VariableType.Text,
    };

    private static bool IsName(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > MaxNameLength)
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }
        return true;
    }
}
