using SmsVerify.Server.Review;

namespace SmsVerify.Server.Risk.Content;

/// <summary>
/// Why a text is risky: a stable <paramref name="Code"/> (see <see cref="ContentReasonCodes"/>), a sentence for
/// people, and, for rules that match words, where in the text.
/// </summary>
public sealed record ContentReason(string Code, string Message, TextSpan? Span = null);

/// <summary>
/// What the content scorer says about a text: the <paramref name="Label"/>, how sure it is (<paramref name="Score"/>:
/// the model's probability of the label, or 1 when a policy rule decided it), and every reason found.
/// </summary>
public sealed record ContentVerdict(ContentLabel Label, double Score, IReadOnlyList<ContentReason> Reasons)
{
    public bool Has(string code) => Reasons.Any(r => r.Code == code);
}

/// <summary>The classifier's part of a verdict; <paramref name="Flag"/> is the reason code it raises, or null.</summary>
public readonly record struct ClassifierVerdict(ContentLabel Label, double Score, string? Flag);

/// <summary>The reasons the scorer gives. Codes are stable: the send path and clients switch on them.</summary>
public static class ContentReasonCodes
{
    public const string ClassifierMarketing = "classifier_marketing";
    public const string ClassifierSpam = "classifier_spam";
    public const string BannedIndustry = "banned_industry";
    public const string MarketingWording = "marketing_wording";
    public const string Link = "link";
    public const string ContactNumber = "contact_number";
    public const string ContactHandle = "contact_handle";
}
