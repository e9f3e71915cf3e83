using SmsVerify.Server.Policy;

namespace SmsVerify.Server.Templates.Rules;

/// <summary>Which policy list a term comes from.</summary>
public enum TermKind
{
    SpecialSymbol, Traditional, Marketing, AdvertisingLaw, PersonalForbidden, OptOut, BannedIndustry,
    KeywordZh, KeywordEn, Purpose, Expiry, ContactHandle, ContactPhrase,
}

/// <summary>A term's origin: its list and, for banned industries, the industry's index in the policy.</summary>
public readonly record struct TermTag(TermKind Kind, int Index);

/// <summary>
/// Every list of the policy folded into two matchers, so a review reads the content twice however many lists
/// there are: <see cref="Surface"/> finds what is wrong with how the text is written (special symbols, Traditional
/// characters) in the text as written; <see cref="Matcher"/> finds what the text says in its
/// <see cref="Reading.NormalText"/>, where tricks of writing no longer hide a word. A term on several lists (优惠 is
/// marketing wording and forbidden to personal tenants) is matched once and carries all its tags.
/// </summary>
public sealed class ContentTerms
{
    private readonly List<TermTag>[] _tags;

    public ContentTerms(PlatformPolicy policy)
    {
        var content = policy.Content;
        Dictionary<string, List<TermTag>> byTerm = new(StringComparer.OrdinalIgnoreCase);
        List<string> terms = [], surface = [];
        void Add(TermKind kind, IEnumerable<string> list, int index = 0)
        {
            var written = kind is TermKind.SpecialSymbol or TermKind.Traditional;
            foreach (var listed in list)
            {
                // Matched in normal text, a term is written as normal text reads, so 優惠 on a list still meets 优惠.
                var term = written ? listed : Reading.NormalText.Of(listed);
                if (written)
                {
                    surface.Add(term);
                    _surfaceTags.Add(new TermTag(kind, index));
                    continue;
                }
                if (!byTerm.TryGetValue(term, out var tags))
                {
                    byTerm[term] = tags = [];
                    terms.Add(term);
                }
                tags.Add(new TermTag(kind, index));
            }
        }
        Add(TermKind.SpecialSymbol, content.SpecialSymbols);
        // Every character the normalisation reads as Simplified is Traditional as written, listed or not.
        Add(TermKind.Traditional, content.TraditionalCharacters.Union(Reading.HanVariants.Traditional()));
        Add(TermKind.Marketing, content.MarketingWords);
        Add(TermKind.AdvertisingLaw, content.AdvertisingLawTerms);
        Add(TermKind.PersonalForbidden, content.PersonalForbiddenWords);
        Add(TermKind.OptOut, content.OptOutPhrases);
        Add(TermKind.KeywordZh, content.VerificationKeywordsZh);
        Add(TermKind.KeywordEn, content.VerificationKeywordsEn);
        Add(TermKind.Purpose, content.PurposeWords);
        Add(TermKind.Expiry, content.ExpiryWords);
        Add(TermKind.ContactHandle, content.ContactHandles);
        Add(TermKind.ContactPhrase, content.ContactPhrases);
        for (var i = 0; i < policy.BannedIndustries.Count; i++)
        {
            Add(TermKind.BannedIndustry, policy.BannedIndustries[i].Terms, i);
        }
        Matcher = new TermMatcher(terms);
        Surface = new TermMatcher(surface);
        _tags = new List<TermTag>[terms.Count];
        for (var t = 0; t < terms.Count; t++)
        {
            _tags[t] = byTerm[terms[t]];
        }
    }

    private readonly List<TermTag> _surfaceTags = [];

    /// <summary>What the text says: every list but symbols and Traditional characters, matched in normal text.</summary>
    public TermMatcher Matcher { get; }

    /// <summary>How the text is written: special symbols and Traditional characters, matched in the text as written.</summary>
    public TermMatcher Surface { get; }

    /// <summary>The list a <see cref="Surface"/> hit's term is on.</summary>
    public TermTag SurfaceTag(int term) => _surfaceTags[term];

    /// <summary>The tag of <paramref name="term"/> for <paramref name="kind"/>, if the term is on that list.</summary>
    public bool Has(int term, TermKind kind, out TermTag tag)
    {
        foreach (var candidate in _tags[term])
        {
            if (candidate.Kind == kind)
            {
                tag = candidate;
                return true;
            }
        }
        tag = default;
        return false;
    }
}
