using SmsVerify.Server.Review;
using static SmsVerify.Server.Templates.Rules.TemplateFindingCodes;

namespace SmsVerify.Server.Templates.Rules;

// Rules for every template type: brackets, symbols, script, variables, links and banned industries.
public sealed partial class TemplateRules
{
    private static void CheckBrackets(string content, List<Finding> findings)
    {
        var at = content.AsSpan().IndexOfAny('【', '】');
        if (at >= 0)
        {
            findings.Add(Finding.Reject(SignatureBrackets, ContentField,
                $"Remove \"{content[at]}\": 【】 are reserved for the signature, which the platform adds in front of the content.", new TextSpan(at, 1)));
        }
        var trimmed = content.AsSpan().Trim();
        if (trimmed.Length > 0 && trimmed[0] is '[' or '［')
        {
            var start = content.IndexOf(trimmed[0]);
            findings.Add(Finding.Reject(EdgeBrackets, ContentField,
                $"The content starts with \"{trimmed[0]}\"; brackets at the start or end look like a signature.", new TextSpan(start, 1)));
        }
        if (trimmed.Length > 0 && trimmed[^1] is ']' or '］')
        {
            var end = content.LastIndexOf(trimmed[^1]);
            findings.Add(Finding.Reject(EdgeBrackets, ContentField,
                $"The content ends with \"{trimmed[^1]}\"; brackets at the start or end look like a signature.", new TextSpan(end, 1)));
        }
    }

    private static void CheckVariablePlacement(string content, List<VariableToken> tokens, List<Finding> findings)
    {
        if (tokens.Count == 0)
        {
            return;
        }
        var fixedText = false;
        var position = 0;
        foreach (var token in tokens)
        {
            fixedText |= HasWords(content.AsSpan(position, token.Start - position));
            position = token.Start + token.Length;
        }
        fixedText |= HasWords(content.AsSpan(position));
        if (!fixedText)
        {
            findings.Add(Finding.Reject(OnlyVariables, ContentField,
                "The content is only variables; write the fixed text of the message and keep variables for the values that change.",
                new TextSpan(0, content.Length)));
        }
        for (var i = 1; i < tokens.Count; i++)
        {
            var previous = tokens[i - 1];
            var gap = content.AsSpan(previous.Start + previous.Length, tokens[i].Start - previous.Start - previous.Length);
            if (gap.IsWhiteSpace())
            {
                var start = previous.Start;
                findings.Add(Finding.Reject(AdjacentVariables, ContentField,
                    $"${{{previous.Name}}} and ${{{tokens[i].Name}}} stand side by side; put fixed text between them or merge them into one variable.",
                    new TextSpan(start, tokens[i].Start + tokens[i].Length - start)));
            }
        }
    }

    private static bool HasWords(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }
        return false;
    }

    private void CheckSymbols(ReadOnlySpan<char> text, List<TermHit> hits, List<Finding> findings)
    {
        for (var i = 0; i < hits.Count; i++)
        {
            if (ReportableWritten(hits, i, TermKind.SpecialSymbol))
            {
                findings.Add(Finding.Reject(SpecialSymbol, ContentField,
                    $"Remove the symbol \"{text.Slice(hits[i].Start, hits[i].Length)}\": carriers block special symbols.", Span(hits[i])));
            }
        }
        for (var i = 0; i < text.Length - 1; i++)
        {
            // Characters outside the Basic Multilingual Plane are emoji and pictographs in practice.
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                findings.Add(Finding.Reject(SpecialSymbol, ContentField,
                    $"Remove the emoji or symbol \"{text.Slice(i, 2)}\": carriers block special symbols.", new TextSpan(i, 2)));
                break;
            }
        }
        for (var i = 0; i < hits.Count; i++)
        {
            if (ReportableWritten(hits, i, TermKind.Traditional))
            {
                findings.Add(Finding.Reject(TraditionalChinese, ContentField,
                    $"\"{text.Slice(hits[i].Start, hits[i].Length)}\" is Traditional Chinese; write the template in Simplified Chinese.", Span(hits[i])));
            }
        }
    }

    private void CheckBannedIndustries(string content, List<TermHit> hits, List<Finding> findings)
    {
        for (var i = 0; i < hits.Count; i++)
        {
            if (Reportable(hits, i, TermKind.BannedIndustry, out var tag))
            {
                var industry = Policy.BannedIndustries[tag.Index];
                findings.Add(Finding.Reject(BannedIndustry, ContentField,
                    $"\"{Quote(content, hits[i].Start, hits[i].Length)}\" belongs to \"{industry.En}\" ({industry.Zh}), which may not send SMS through this platform.",
                    Span(hits[i])));
            }
        }
    }

    private static void CheckLinks(TemplateType type, string content, ReadOnlySpan<char> text, List<FoundLink> links, List<VariableToken> tokens,
        TemplateContext context, List<Finding> findings)
    {
        CheckHostBeforeVariable(type, content, text, links.ConvertAll(l => new Range(l.Span.Start, l.Span.Start + l.Span.Length)), tokens, findings);
        foreach (var (span, host, hostSpan) in links)
        {
            var linkText = content.AsSpan(span.Start, span.Length);
            if (type == TemplateType.Verification)
            {
                findings.Add(Finding.Reject(LinkNotAllowed, ContentField, $"Remove the link \"{linkText}\": verification templates carry no link.", span));
            }
            else if (Overlaps(tokens, hostSpan.Start, hostSpan.Length))
            {
                findings.Add(Finding.Reject(LinkInVariable, ContentField,
                    $"The link \"{linkText}\" takes its host from a variable; write the domain as fixed text (a variable may only fill the path).", span));
            }
            else if (!Links.IsApproved(host, context.ApprovedDomains))
            {
                findings.Add(Finding.Reject(LinkNotApproved, ContentField,
                    $"The link \"{linkText}\" points to {host}, which is not the domain of one of your approved applications.", span));
            }
        }
    }

    // "example.com${path}" is no link to the pattern (the blanked variable runs on from the top-level domain), yet
    // the value decides the host: ".evil.cn/a" makes it example.com.evil.cn. A bare domain that ends where a variable
    // begins is a link whose host a variable may complete.
    private static void CheckHostBeforeVariable(TemplateType type, string content, ReadOnlySpan<char> text, List<Range> links,
        List<VariableToken> tokens, List<Finding> findings)
    {
        List<Range> before = [];
        foreach (var token in tokens)
        {
            if (token.Start == 0 || links.Exists(l => l.Start.Value < token.Start && l.End.Value >= token.Start))
            {
                continue;
            }
            before.Clear();
            Links.Find(text[..token.Start], before);
            if (before.Count > 0 && before[^1].End.Value == token.Start)
            {
                var start = before[^1].Start.Value;
                var span = new TextSpan(start, token.Start + token.Length - start);
                var quoted = content.Substring(span.Start, span.Length);
                findings.Add(type == TemplateType.Verification
                    ? Finding.Reject(LinkNotAllowed, ContentField, $"Remove the link \"{quoted}\": verification templates carry no link.", span)
                    : Finding.Reject(LinkInVariable, ContentField,
                        $"In \"{quoted}\" the variable follows the domain directly, so its value can change the host; put a / between them.", span));
            }
        }
    }

    private static bool Overlaps(List<VariableToken> tokens, int start, int length)
    {
        foreach (var token in tokens)
        {
            if (token.Start < start + length && start < token.Start + token.Length)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Whether hit <paramref name="i"/> is on the list <paramref name="kind"/> and should be reported: not the
    /// same term as an earlier hit, and not inside a longer hit of the same list (免费领取 is reported, not 免费).
    /// </summary>
    private bool Reportable(List<TermHit> hits, int i, TermKind kind, out TermTag tag)
    {
        var hit = hits[i];
        if (!_terms.Has(hit.Term, kind, out tag))
        {
            return false;
        }
        for (var j = 0; j < hits.Count; j++)
        {
            var other = hits[j];
            if (j == i || !_terms.Has(other.Term, kind, out _))
            {
                continue;
            }
            if ((j < i && other.Term == hit.Term) || Contains(other, hit))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Like <see cref="Reportable"/>, for hits of the written text's matcher.</summary>
    private bool ReportableWritten(List<TermHit> hits, int i, TermKind kind)
    {
        var hit = hits[i];
        if (_terms.SurfaceTag(hit.Term).Kind != kind)
        {
            return false;
        }
        for (var j = 0; j < hits.Count; j++)
        {
            var other = hits[j];
            if (j != i && _terms.SurfaceTag(other.Term).Kind == kind && ((j < i && other.Term == hit.Term) || Contains(other, hit)))
            {
                return false;
            }
        }
        return true;
    }

    private static bool Contains(TermHit outer, TermHit inner) =>
        outer.Length > inner.Length && outer.Start <= inner.Start && outer.Start + outer.Length >= inner.Start + inner.Length;
}
