using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Policy;
using SmsVerify.Server.Templates.Rules;
using SmsVerify.Server.Templates.Rules.Reading;

namespace SmsVerify.Server.Content;

/// <summary>
/// The values a send fills its template with, checked against each variable's type before anything is stored or
/// sent: this is what keeps a link, a phone number or an advertisement out of an approved template.
/// </summary>
public static class SendParameters
{
    /// <summary>More parameters than any template has variables is no template's input.</summary>
    public const int MaxCount = 32;

    /// <summary>The longest signature name or template code a send may name (as the columns hold them).</summary>
    public const int MaxNameLength = 40;

    /// <summary>What a code variable holds at send time: the server's codes, and a tenant's own in a message.</summary>
    public static readonly VerificationCodeLength CodeLength = new(4, 8);

    /// <summary>
    /// Why <paramref name="values"/> do not fit <paramref name="content"/>, or null. <paramref name="values"/> holds
    /// every variable, the generated code included.
    /// </summary>
    public static ApiError? Check(ApprovedContent content, IReadOnlyDictionary<string, string> values, VerificationCodeLength codeLength, int maxTextLength)
    {
        foreach (var variable in content.Variables)
        {
            if (!values.TryGetValue(variable.Name, out var value))
            {
                return Problem(variable.Name, "missing", $"The template {content.Template} needs a value for ${{{variable.Name}}}.");
            }
            if (CheckValue(variable, value, codeLength, maxTextLength) is { } problem)
            {
                return problem;
            }
        }
        foreach (var name in values.Keys)
        {
            if (!content.Variables.Any(v => v.Name == name))
            {
                return Problem(name, "unknown", $"The template {content.Template} has no variable ${{{name}}}.");
            }
        }
        return null;
    }

    /// <summary>
    /// Why <paramref name="value"/> may not fill <paramref name="variable"/>, or null: the one check of a value, for
    /// values a request names and values read out of free text (<see cref="Matching.TemplateMatcher"/>) alike.
    /// </summary>
    public static ApiError? CheckValue(TemplateVariable variable, string value, VerificationCodeLength codeLength, int maxTextLength)
    {
        if (VariableValues.Check(variable.Type, value, codeLength, maxTextLength) is { } reason)
        {
            return Problem(variable.Name, variable.Type.ToString().ToLowerInvariant(), $"${{{variable.Name}}}: {reason}");
        }
        return CarriesPhoneNumber(variable.Type, value)
            ? Problem(variable.Name, "phone_number", $"${{{variable.Name}}} may not carry a phone number; only a phone variable may.")
            : null;
    }

    /// <summary>
    /// Free text and names may hold no telephone number at all; a number variable no mobile number (a 95xxx-like
    /// figure is an ordinary count). Codes, amounts, dates and times have formats of their own.
    /// </summary>
    private static bool CarriesPhoneNumber(VariableType type, string value)
    {
        if (type is not (VariableType.Text or VariableType.Name or VariableType.Number) || value.Length < 5)
        {
            return false;
        }
        List<ContactNumber> numbers = [];
        // Read as every content rule reads (see NormalText): 一三八… and 138·1234·5678 are numbers too.
        ContactNumbers.Find((t_normal ??= new NormalText()).Read(value).Text, numbers);
        return numbers.Exists(n => type != VariableType.Number || n.Kind == NumberKind.Mobile);
    }

    [ThreadStatic]
    private static NormalText? t_normal;

    public static ApiError Problem(string variable, string rule, string detail) =>
        ProblemTypes.ParameterInvalid.With(detail) with
        {
            Extensions = new Dictionary<string, object?> { ["variable"] = variable, ["rule"] = rule },
        };
}
