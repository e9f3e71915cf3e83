using SmsVerify.Server.Review;
using static SmsVerify.Server.Templates.Rules.TemplateFindingCodes;

namespace SmsVerify.Server.Templates.Rules;

// Rules that depend on the template's type and on the tenant's kind.
public sealed partial class TemplateRules
{
    private const int MaxNotificationNumbers = 2;

    private void CheckVerification(string content, ReadOnlySpan<char> text, List<VariableToken> tokens, List<TemplateVariable> variables,
        List<TermHit> hits, List<ContactNumber> numbers, List<Range> links, List<Finding> findings)
    {
        if (variables.Count != 1)
        {
            findings.Add(Finding.Reject(VerificationVariableCount, ContentField, variables.Count == 0
                ? "A verification template needs exactly one variable for the code, such as ${code}; it has none."
                : $"A verification template has exactly one variable, the code; this one has {variables.Count} ({string.Join(", ", variables.Select(v => v.Name))})."));
        }
        else if (variables[0].Type != VariableType.Code)
        {
            var token = tokens[0];
            findings.Add(Finding.Reject(VerificationVariableNotCode, ContentField,
                $"${{{token.Name}}} is typed {Lower(token.Type)}; the one variable of a verification template holds the code: name it ${{code}} or declare ${{{token.Name}:code}}.",
                new TextSpan(token.Start, token.Length)));
        }
        var english = !HasChinese(text);
        var keywordKind = english ? TermKind.KeywordEn : TermKind.KeywordZh;
        bool keyword = false, purpose = false;
        for (var i = 0; i < hits.Count; i++)
        {
            // "code" in example.com/code names a page, not what the message sends.
            keyword |= _terms.Has(hits[i].Term, keywordKind, out _) && !links.Exists(l => l.Start.Value <= hits[i].Start && hits[i].Start < l.End.Value);
            purpose |= _terms.Has(hits[i].Term, TermKind.Expiry, out _)
                || (_terms.Has(hits[i].Term, TermKind.Purpose, out _) && !InsideKeyword(hits, hits[i]));
        }
        if (!keyword)
        {
            findings.Add(Finding.Reject(VerificationKeywordMissing, ContentField, english
                ? $"Say what the message is: an English verification template names one of {string.Join(", ", Policy.Content.VerificationKeywordsEn)}."
                : $"Say what the message is: a verification template contains one of {string.Join("、", Policy.Content.VerificationKeywordsZh)}."));
        }
        if (!purpose)
        {
            findings.Add(Finding.Flag(VerificationContextMissing, ContentField,
                "Say what the code is for (登录, 注册, 修改密码…) or how long it is valid (5分钟内有效); a bare code is sent to a reviewer."));
        }
        foreach (var number in numbers)
        {
            findings.Add(Finding.Reject(ContactNumberNotAllowed, ContentField,
                $"Remove the number \"{Quote(content, number.Start, number.Length)}\": verification templates carry no contact details.",
                new TextSpan(number.Start, number.Length)));
        }
        CheckNoMarketing(content, hits, findings);
    }

    private void CheckNoMarketing(string content, List<TermHit> hits, List<Finding> findings)
    {
        for (var i = 0; i < hits.Count; i++)
        {
            if (Reportable(hits, i, TermKind.Marketing, out _))
            {
                findings.Add(Finding.Reject(MarketingWording, ContentField,
                    $"\"{Quote(content, hits[i].Start, hits[i].Length)}\" is marketing wording, which verification and notification templates may not contain; submit a marketing template instead.",
                    Span(hits[i])));
            }
        }
        for (var i = 0; i < hits.Count; i++)
        {
            if (Reportable(hits, i, TermKind.OptOut, out _))
            {
                findings.Add(Finding.Reject(OptOutNotAllowed, ContentField,
                    $"Remove \"{Quote(content, hits[i].Start, hits[i].Length)}\": opt-out text belongs to marketing templates only.", Span(hits[i])));
                break;
            }
        }
    }

    private static void CheckNotificationNumbers(string content, List<ContactNumber> numbers, List<Finding> findings)
    {
        for (var n = 0; n < numbers.Count; n++)
        {
            var number = numbers[n];
            var span = new TextSpan(number.Start, number.Length);
            if (number.Kind == NumberKind.Mobile)
            {
                findings.Add(Finding.Reject(ContactNumberMobile, ContentField,
                    $"\"{Quote(content, number.Start, number.Length)}\" is a mobile number; a notification may only give official numbers: a landline with area code, 400/800, or 95xxx/96xxx.",
                    span));
            }
            if (n == MaxNotificationNumbers)
            {
                findings.Add(Finding.Reject(ContactNumberTooMany, ContentField,
                    $"A notification gives at most {MaxNotificationNumbers} contact numbers; \"{Quote(content, number.Start, number.Length)}\" is the {n + 1}th.", span));
            }
        }
    }

    private void CheckMarketing(string content, List<TermHit> hits, List<Finding> findings)
    {
        var suffix = Policy.Content.MarketingSuffix;
        // Only trailing white space may follow the opt-out text: "拒收请回复R。" is not what carriers match.
        if (!content.AsSpan().TrimEnd().EndsWith(suffix, StringComparison.Ordinal))
        {
            var end = content.AsSpan().TrimEnd().Length;
            findings.Add(Finding.Reject(OptOutMissing, ContentField,
                $"A marketing template must end with \"{suffix}\" so recipients can opt out.", new TextSpan(end, 0)));
        }
        for (var i = 0; i < hits.Count; i++)
        {
            if (Reportable(hits, i, TermKind.AdvertisingLaw, out _))
            {
                findings.Add(Finding.Flag(AdvertisingLawTerm, ContentField,
                    $"\"{Quote(content, hits[i].Start, hits[i].Length)}\" is an absolute claim the Advertising Law forbids unless it can be proved; a reviewer will check it.",
                    Span(hits[i])));
            }
        }
    }

    private void CheckPersonal(TemplateType type, string content, List<TermHit> hits, List<Finding> findings)
    {
        if (type == TemplateType.Marketing)
        {
            findings.Add(Finding.Reject(PersonalMarketing, "type",
                "A personal tenant may send verification and notification templates only; marketing needs an enterprise qualification."));
        }
        for (var i = 0; i < hits.Count; i++)
        {
            if (Reportable(hits, i, TermKind.PersonalForbidden, out _))
            {
                findings.Add(Finding.Reject(PersonalForbiddenWord, ContentField,
                    $"\"{Quote(content, hits[i].Start, hits[i].Length)}\" speaks of marketing, activities, invitations or benefits, which a personal tenant may not send.",
                    Span(hits[i])));
            }
        }
    }

    // 验证 inside 验证码 says nothing about the purpose: the keyword is there anyway.
    private bool InsideKeyword(List<TermHit> hits, TermHit hit)
    {
        foreach (var other in hits)
        {
            if ((_terms.Has(other.Term, TermKind.KeywordZh, out _) || _terms.Has(other.Term, TermKind.KeywordEn, out _))
                && other.Start <= hit.Start && other.Start + other.Length >= hit.Start + hit.Length)
            {
                return true;
            }
        }
        return false;
    }

    private static bool HasChinese(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF')
            {
                return true;
            }
        }
        return false;
    }
}
