namespace SmsVerify.Server.Policy;

/// <summary>How long a verification code sent through a template may be, in characters.</summary>
public sealed record VerificationCodeLength(int Min, int Max)
{
    /// <summary>Alibaba's rule: 4–6 characters (digits, or letters and digits).</summary>
    public static readonly VerificationCodeLength Default = new(4, 6);
}

/// <summary>
/// The word and symbol lists template review matches content against. Chinese terms match exactly; English terms
/// match without regard to case and only as whole words, so "win" does not fire inside "window".
/// </summary>
public sealed record ContentPolicy(
    IReadOnlyList<string> SpecialSymbols,
    IReadOnlyList<string> TraditionalCharacters,
    IReadOnlyList<string> MarketingWords,
    IReadOnlyList<string> AdvertisingLawTerms,
    IReadOnlyList<string> PersonalForbiddenWords,
    IReadOnlyList<string> OptOutPhrases,
    string MarketingSuffix,
    IReadOnlyList<string> VerificationKeywordsZh,
    IReadOnlyList<string> VerificationKeywordsEn,
    IReadOnlyList<string> PurposeWords,
    IReadOnlyList<string> ExpiryWords,
    VerificationCodeLength VerificationCodeLength,
    IReadOnlyList<string>? ContactHandles = null,
    IReadOnlyList<string>? ContactPhrases = null)
{
    /// <summary>Names of messaging accounts (微信, vx, 扣扣, QQ…): a contact when an account id follows or an "add me" phrase comes before. Optional.</summary>
    public IReadOnlyList<string> ContactHandles { get; init; } = ContactHandles ?? [];

    /// <summary>"Add me" phrasing (加, 添加, 私聊…) that makes even a one-letter handle (加V) a contact. Optional.</summary>
    public IReadOnlyList<string> ContactPhrases { get; init; } = ContactPhrases ?? [];
}
