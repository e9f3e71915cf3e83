using SmsVerify.Server.Policy;
using SmsVerify.Server.Review;
using SmsVerify.Server.Templates.Rules.Reading;
using SmsVerify.Server.Tenants;
using static SmsVerify.Server.Templates.Rules.TemplateFindingCodes;

namespace SmsVerify.Server.Templates.Rules;

/// <summary>
/// Reviews a template the way an auditor would, by the rules of the policy: every rule that fails yields a
/// <see cref="Finding"/> with its code, a reason naming the offending text, and where it is. Build one per policy
/// (the word lists are compiled into a matcher once) and share it: <see cref="Review"/> is thread-safe.
/// </summary>
public sealed partial class TemplateRules(PlatformPolicy policy)
{
    public const int MaxContentLength = 500;
    public const int MaxNameLength = 30;
    public const int MaxScenarioLength = 64;
    private const string ContentField = "content";

    private readonly ContentTerms _terms = new(policy);

    // Review runs on many threads at once; each reuses its own buffers.
    [ThreadStatic]
    private static NormalText? t_normal;

    public PlatformPolicy Policy { get; } = policy;

    public TemplateReview Review(TemplateDraft draft, TemplateContext context)
    {
        var content = draft.Content ?? "";
        List<Finding> findings = [];
        CheckNameAndScenario(draft, findings);
        if (content.Length is 0 or > MaxContentLength)
        {
            findings.Add(Finding.Reject(ContentLength, ContentField,
                $"The content has {content.Length} characters; it must have 1–{MaxContentLength}, variables counted as written."));
        }
        List<VariableToken> tokens = [];
        List<VariableProblem> problems = [];
        VariableParser.Parse(content, tokens, problems);
        foreach (var problem in problems)
        {
            findings.Add(Finding.Reject(problem.Code, ContentField, problem.Message, new TextSpan(problem.Start, problem.Length)));
        }
        var variables = Variables(tokens, findings);

        // Every text rule reads a copy with the variables blanked out, so a variable's name is never taken for
        // a word, a number or a link, and a link built around a variable shows as one.
        Span<char> text = content.Length <= 512 ? stackalloc char[content.Length] : new char[content.Length];
        content.CopyTo(text);
        FoldFullWidth(text);
        foreach (var token in tokens)
        {
            text.Slice(token.Start, token.Length).Fill('x');
        }
        CheckWebOtp(draft.Type, content, text, tokens, context, findings);
        CheckBrackets(content, findings);
        CheckVariablePlacement(content, tokens, findings);
        List<TermHit> written = [];
        _terms.Surface.Scan(text, written);
        CheckSymbols(text, written, findings);

        // What the text says is read in its normal form (see NormalText); what is found points at the original.
        var normal = (t_normal ??= new NormalText()).Read(text);
        List<TermHit> normalHits = [];
        _terms.Matcher.Scan(normal.Text, normalHits);
        var hits = normalHits.ConvertAll(hit => Original(normal, hit));
        CheckBannedIndustries(content, hits, findings);
        var links = FindLinks(normal);
        CheckLinks(draft.Type, content, text, links, tokens, context, findings);
        List<ContactNumber> numbers = [];
        ContactNumbers.Find(normal.Text, numbers);
        numbers = numbers.ConvertAll(n => normal.Original(n.Start, n.Length) is var span ? new ContactNumber(span.Start, span.Length, n.Kind) : n);
        var linkRanges = links.ConvertAll(l => new Range(l.Span.Start, l.Span.Start + l.Span.Length));
        RemoveInsideLinks(numbers, linkRanges);
        CheckContactHandles(content, normal, normalHits, findings);

        switch (draft.Type)
        {
            case TemplateType.Verification:
                CheckVerification(content, text, tokens, variables, hits, numbers, linkRanges, findings);
                break;
            case TemplateType.Notification:
                CheckNoMarketing(content, hits, findings);
                CheckNotificationNumbers(content, numbers, findings);
                break;
            case TemplateType.Marketing:
                CheckMarketing(content, hits, findings);
                break;
        }
        if (context.TenantKind == TenantKind.Personal)
        {
            CheckPersonal(draft.Type, content, hits, findings);
        }
        return new TemplateReview(findings, variables);
    }

    private static void CheckNameAndScenario(TemplateDraft draft, List<Finding> findings)
    {
        if (string.IsNullOrWhiteSpace(draft.Name) || draft.Name.Length > MaxNameLength)
        {
            findings.Add(Finding.Reject(NameInvalid, "name", $"The template needs a name of 1–{MaxNameLength} characters."));
        }
        if (string.IsNullOrWhiteSpace(draft.Scenario) || draft.Scenario.Length > MaxScenarioLength)
        {
            findings.Add(Finding.Reject(ScenarioInvalid, "scenario",
                $"Describe where the template is used (1–{MaxScenarioLength} characters), such as \"用户在 App 登录时发送\": auditors check the content against it."));
        }
    }

    /// <summary>The links in the normal text, each with where it and its host lie in the original.</summary>
    private static List<FoundLink> FindLinks(NormalText normal)
    {
        List<Range> found = [];
        Links.Find(normal.Text, found);
        return found.ConvertAll(link =>
        {
            var (start, length) = link.GetOffsetAndLength(normal.Length);
            var text = normal.Text.Slice(start, length);
            var (hostStart, hostLength) = Links.Host(text).GetOffsetAndLength(length);
            return new FoundLink(normal.Original(start, length), text.Slice(hostStart, hostLength).ToString(), normal.Original(start + hostStart, hostLength));
        });
    }

    private void CheckContactHandles(string content, NormalText normal, List<TermHit> normalHits, List<Finding> findings)
    {
        List<TermHit> contacts = [];
        ContactHandles.Find(normal.Text, normalHits, _terms, contacts);
        foreach (var contact in contacts)
        {
            var span = normal.Original(contact.Start, contact.Length);
            findings.Add(Finding.Reject(ContactHandle, ContentField,
                $"Remove \"{Quote(content, span.Start, span.Length)}\": templates may not ask readers to add a WeChat, QQ or other messaging account.", span));
        }
    }

    private static TermHit Original(NormalText normal, TermHit hit) =>
        normal.Original(hit.Start, hit.Length) is var span ? new TermHit(span.Start, span.Length, hit.Term) : hit;

    private static List<TemplateVariable> Variables(List<VariableToken> tokens, List<Finding> findings)
    {
        List<TemplateVariable> variables = [];
        foreach (var token in tokens)
        {
            var known = variables.Find(v => v.Name == token.Name);
            if (known is null)
            {
                variables.Add(new TemplateVariable(token.Name, token.Type));
            }
            else if (known.Type != token.Type)
            {
                findings.Add(Finding.Reject(VariableTypeConflict, ContentField,
                    $"${{{token.Name}}} is used as {Lower(known.Type)} and as {Lower(token.Type)}; give each use the same type.",
                    new TextSpan(token.Start, token.Length)));
            }
        }
        return variables;
    }

    private static void RemoveInsideLinks(List<ContactNumber> numbers, List<Range> links)
    {
        for (var n = numbers.Count - 1; n >= 0; n--)
        {
            foreach (var link in links)
            {
                if (numbers[n].Start >= link.Start.Value && numbers[n].Start < link.End.Value)
                {
                    numbers.RemoveAt(n);
                    break;
                }
            }
        }
    }

    // Full-width forms (U+FF01–FF5E) read as their ASCII letters, digits and punctuation, one character for one,
    // so "１３８００１３８０００" or "ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ" cannot slip past the number and link rules.
    private static void FoldFullWidth(Span<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is >= '\uFF01' and <= '\uFF5E')
            {
                text[i] = (char)(text[i] - 0xFEE0);
            }
        }
    }

    /// <summary>A link found in the normal text: where it lies in the original, and its host as read.</summary>
    private readonly record struct FoundLink(TextSpan Span, string Host, TextSpan HostSpan);

    internal static string Lower<T>(T value) where T : Enum => value.ToString().ToLowerInvariant();

    private static TextSpan Span(TermHit hit) => new(hit.Start, hit.Length);

    private static string Quote(string content, int start, int length) => content.Substring(start, length);
}
