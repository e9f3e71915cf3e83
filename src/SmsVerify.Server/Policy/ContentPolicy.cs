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
    VerificationCodeLength VerificationCodeLength);
