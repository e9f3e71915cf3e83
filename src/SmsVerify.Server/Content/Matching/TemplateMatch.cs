using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Content.Matching;

/// <summary>
/// What a free text was matched to. With <see cref="Content"/> set, the text is that signature and template filled
/// with <see cref="Values"/>: a send of the pair by name with those values, so the send pipeline takes it as it takes
/// the native API's. <see cref="Refusal"/> is then the reason the first refused value gets from
/// <see cref="SendParameters.CheckValue"/>, or null. Without <see cref="Content"/>, nothing matched and
/// <see cref="Refusal"/> says why (<c>signature_not_found</c> or <c>template_not_found</c>).
/// </summary>
public sealed record TemplateMatch(ApprovedContent? Content, IReadOnlyDictionary<string, string> Values, ApiError? Refusal)
{
    private static readonly Dictionary<string, string> NoValues = [];

    /// <summary>A template matched and every value fits its variable.</summary>
    public bool Succeeded => Content is not null && Refusal is null;

    /// <summary>When nothing matched: the name the text's 【…】 gave, if it gave one (an unknown signature, say).</summary>
    public string? NamedSignature { get; init; }

    public static TemplateMatch Unmatched(ApiError why) => new(null, NoValues, why);
}
