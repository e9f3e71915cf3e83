using SmsVerify.Server.Policy;
using SmsVerify.Server.Review;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Risk.Content;

/// <summary>
/// The policy file's content rules applied to a finished message: banned-industry terms, marketing wording
/// (advertising-law terms and opt-out phrases included), links and contact numbers. The same word lists and
/// matchers as template review (<see cref="ContentTerms"/>, <see cref="Links"/>, <see cref="ContactNumbers"/>), so a
/// word that fails a template also shows up here.
/// </summary>
internal sealed class ContentRules(PlatformPolicy policy)
{
    private readonly ContentTerms _terms = new(policy);

    // Scratch lists reused per thread: scoring sits on the send path and should not allocate for a clean text.
    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>Adds a reason per finding to <paramref name="reasons"/> (created on the first one); true when a banned industry matched.</summary>
    public bool Check(string text, ref List<ContentReason>? reasons)
    {
        var scratch = t_scratch ??= new Scratch();
        scratch.Clear();
        _terms.Matcher.Scan(text, scratch.Hits);
        // Longest match first at each start, so "优惠券" is reported once rather than with the "优惠" inside it.
        scratch.Hits.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var banned = false;
        int bannedEnd = -1, marketingEnd = -1;
        foreach (var hit in scratch.Hits)
        {
            if (hit.Start >= bannedEnd && _terms.Has(hit.Term, TermKind.BannedIndustry, out var tag))
            {
                var industry = policy.BannedIndustries[tag.Index];
                Add(ref reasons, ContentReasonCodes.BannedIndustry, $"\"{Quote(text, hit)}\" belongs to {industry.En} ({industry.Zh}), which may not send SMS through this platform.", hit);
                bannedEnd = hit.Start + hit.Length;
                banned = true;
            }
            else if (hit.Start >= marketingEnd && (_terms.Has(hit.Term, TermKind.Marketing, out _) || _terms.Has(hit.Term, TermKind.AdvertisingLaw, out _) || _terms.Has(hit.Term, TermKind.OptOut, out _)))
            {
                Add(ref reasons, ContentReasonCodes.MarketingWording, $"\"{Quote(text, hit)}\" is marketing wording.", hit);
                marketingEnd = hit.Start + hit.Length;
            }
        }
        Links.Find(text, scratch.Links);
        foreach (var link in scratch.Links)
        {
            var (start, length) = link.GetOffsetAndLength(text.Length);
            Add(ref reasons, ContentReasonCodes.Link, $"\"{text.AsSpan(start, length)}\" is a link.", new TermHit(start, length, -1));
        }
        ContactNumbers.Find(text, scratch.Numbers);
        foreach (var number in scratch.Numbers)
        {
            if (!scratch.Links.Any(l => number.Start >= l.Start.GetOffset(text.Length) && number.Start < l.End.GetOffset(text.Length)))
            {
                Add(ref reasons, ContentReasonCodes.ContactNumber,
                    $"\"{text.AsSpan(number.Start, number.Length)}\" is a {number.Kind.ToString().ToLowerInvariant()} telephone number.", new TermHit(number.Start, number.Length, -1));
            }
        }
        return banned;
    }

    private static void Add(ref List<ContentReason>? reasons, string code, string message, TermHit where) =>
        (reasons ??= []).Add(new ContentReason(code, message, new TextSpan(where.Start, where.Length)));

    private static ReadOnlySpan<char> Quote(string text, TermHit hit) => text.AsSpan(hit.Start, hit.Length);

    private sealed class Scratch
    {
        public List<TermHit> Hits { get; } = [];
        public List<Range> Links { get; } = [];
        public List<ContactNumber> Numbers { get; } = [];

        public void Clear()
        {
            Hits.Clear();
            Links.Clear();
            Numbers.Clear();
        }
    }
}
