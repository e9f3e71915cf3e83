using SmsVerify.Server.Policy;
using SmsVerify.Server.Review;
using SmsVerify.Server.Templates.Rules;
using SmsVerify.Server.Templates.Rules.Reading;

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
        // Read in normal form (see NormalText), reported where it stands in the text as written.
        var normal = scratch.Normal.Read(text);
        _terms.Matcher.Scan(normal.Text, scratch.Hits);
        // Longest match first at each start, so "优惠券" is reported once rather than with the "优惠" inside it.
        scratch.Hits.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var banned = false;
        int bannedEnd = -1, marketingEnd = -1;
        foreach (var hit in scratch.Hits)
        {
            if (hit.Start >= bannedEnd && _terms.Has(hit.Term, TermKind.BannedIndustry, out var tag))
            {
                var industry = policy.BannedIndustries[tag.Index];
                Add(ref reasons, ContentReasonCodes.BannedIndustry, text, normal.Original(hit.Start, hit.Length),
                    $"belongs to {industry.En} ({industry.Zh}), which may not send SMS through this platform.");
                bannedEnd = hit.Start + hit.Length;
                banned = true;
            }
            else if (hit.Start >= marketingEnd && (_terms.Has(hit.Term, TermKind.Marketing, out _) || _terms.Has(hit.Term, TermKind.AdvertisingLaw, out _) || _terms.Has(hit.Term, TermKind.OptOut, out _)))
            {
                Add(ref reasons, ContentReasonCodes.MarketingWording, text, normal.Original(hit.Start, hit.Length), "is marketing wording.");
                marketingEnd = hit.Start + hit.Length;
            }
        }
        Links.Find(normal.Text, scratch.Links);
        foreach (var link in scratch.Links)
        {
            var (start, length) = link.GetOffsetAndLength(normal.Length);
            Add(ref reasons, ContentReasonCodes.Link, text, normal.Original(start, length), "is a link.");
        }
        ContactNumbers.Find(normal.Text, scratch.Numbers);
        foreach (var number in scratch.Numbers)
        {
            if (!scratch.Links.Any(l => number.Start >= l.Start.GetOffset(normal.Length) && number.Start < l.End.GetOffset(normal.Length)))
            {
                Add(ref reasons, ContentReasonCodes.ContactNumber, text, normal.Original(number.Start, number.Length),
                    $"is a {number.Kind.ToString().ToLowerInvariant()} telephone number.");
            }
        }
        ContactHandles.Find(normal.Text, scratch.Hits, _terms, scratch.Contacts);
        foreach (var contact in scratch.Contacts)
        {
            Add(ref reasons, ContentReasonCodes.ContactHandle, text, normal.Original(contact.Start, contact.Length), "asks the reader to add a messaging account.");
        }
        return banned;
    }

    private static void Add(ref List<ContentReason>? reasons, string code, string text, TextSpan where, string what) =>
        (reasons ??= []).Add(new ContentReason(code, $"\"{text.AsSpan(where.Start, where.Length)}\" {what}", where));

    private sealed class Scratch
    {
        public List<TermHit> Hits { get; } = [];
        public List<Range> Links { get; } = [];
        public List<ContactNumber> Numbers { get; } = [];
        public List<TermHit> Contacts { get; } = [];
        public NormalText Normal { get; } = new();

        public void Clear()
        {
            Hits.Clear();
            Links.Clear();
            Numbers.Clear();
            Contacts.Clear();
        }
    }
}
