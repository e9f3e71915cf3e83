using SmsVerify.Server.Policy;

namespace SmsVerify.Server.Templates.Rules;

/// <summary>Which policy list a term comes from.</summary>
public enum TermKind
{
    SpecialSymbol, Traditional, Marketing, AdvertisingLaw, PersonalForbidden, OptOut, BannedIndustry,
    KeywordZh, KeywordEn, Purpose, Expiry,
}

/// <summary>A term's origin: its list and, for banned industries, the industry's index in the policy.</summary>
public readonly record struct TermTag(TermKind Kind, int Index);

/// <summary>
/// Every list of the policy folded into one matcher, so a review reads the content once however many lists
/// there are. A term on several lists (优惠 is marketing wording and forbidden to personal tenants) is matched
/// once and carries all its tags.
/// </summary>
public sealed class ContentTerms
{
    private readonly List<TermTag>[] _tags;

    public ContentTerms(PlatformPolicy policy)
    {
        var content = policy.Content;
        Dictionary<string, List<TermTag>> byTerm = new(StringComparer.OrdinalIgnoreCase);
        List<string> terms = [];
        void Add(TermKind kind, IEnumerable<string> list, int index = 0)
        {
            foreach (var term in list)
            {
                if (!byTerm.TryGetValue(term, out var tags))
                {
                    byTerm[term] = tags = [];
                    terms.Add(term);
                }
                tags.Add(new TermTag(kind, index));
            }
        }
        Add(TermKind.SpecialSymbol, content.SpecialSymbols);
        Add(TermKind.Traditional, content.TraditionalCharacters);
        Add(TermKind.Marketing, content.MarketingWords);
        Add(TermKind.AdvertisingLaw, content.AdvertisingLawTerms);
        Add(TermKind.PersonalForbidden, content.PersonalForbiddenWords);
        Add(TermKind.OptOut, content.OptOutPhrases);
        Add(TermKind.KeywordZh, content.VerificationKeywordsZh);
        Add(TermKind.KeywordEn, content.VerificationKeywordsEn);
        Add(TermKind.Purpose, content.PurposeWords);
        Add(TermKind.Expiry, content.ExpiryWords);
        for (var i = 0; i < policy.BannedIndustries.Count; i++)
        {
            Add(TermKind.BannedIndustry, policy.BannedIndustries[i].Terms, i);
        }
        Matcher = new TermMatcher(terms);
        _tags = new List<TermTag>[terms.Count];
        for (var t = 0; t < terms.Count; t++)
        {
            _tags[t] = byTerm[terms[t]];
        }
    }

    public TermMatcher Matcher { get; }

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
