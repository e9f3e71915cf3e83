using SmsVerify.Server.Review;

namespace SmsVerify.Server.Signatures.Rules;

/// <summary>Every finding signature review can produce. Codes are stable: clients and docs rely on them.</summary>
public static class SignatureFindingCodes
{
    public const string Length = "signature_length";
    public const string Brackets = "signature_brackets";
    public const string Characters = "signature_characters";
    public const string TestWord = "signature_test_word";
    public const string Neutral = "signature_neutral";
    public const string Traditional = "signature_traditional";
    public const string EnglishOnly = "signature_english_only";
    public const string SourceNotAccepted = "signature_source_not_accepted";
    public const string PersonalSourceNotAllowed = "personal_source_not_allowed";
    public const string CompanyNameMismatch = "company_name_mismatch";
    public const string ApplicationNotFound = "application_not_found";
    public const string TrademarkNumberInvalid = "trademark_number_invalid";
    public const string TrademarkCertificateMissing = "trademark_certificate_missing";
    public const string PowerOfAttorneyMissing = "power_of_attorney_missing";
    public const string ThirdPartyQualificationMissing = "third_party_qualification_missing";

    public static readonly IReadOnlyList<FindingCode> All =
    [
        new(Length, Finding.Error, "A signature is 2–12 characters."),
        new(Brackets, Finding.Error, "Brackets are added by the platform (【】) and may not be part of the name."),
        new(Characters, Finding.Error, "Only Chinese characters, letters and digits: no symbols, no spaces."),
        new(TestWord, Finding.Error, "\"测试\" and \"test\" mark a signature that was never meant for real users."),
        new(Neutral, Finding.Error, "A generic name (客服通知, 验证码…) does not say who sends."),
        new(Traditional, Finding.Error, "Domestic signatures are written in Simplified Chinese."),
        new(EnglishOnly, Finding.Warning, "Carriers often block purely English signatures; a reviewer decides."),
        new(SourceNotAccepted, Finding.Error, "The policy's signature profile does not accept this kind of proof."),
        new(PersonalSourceNotAllowed, Finding.Error, "A personal tenant may only sign with the name of its own ICP-filed website."),
        new(CompanyNameMismatch, Finding.Error, "A company signature is the company's full name or an abbreviation drawn from it."),
        new(ApplicationNotFound, Finding.Error, "An app, website or mini-program signature names an approved application of the tenant."),
        new(TrademarkNumberInvalid, Finding.Error, "A trademark signature gives the registration number: 6–10 digits."),
        new(TrademarkCertificateMissing, Finding.Error, "A trademark signature needs the registration certificate."),
        new(PowerOfAttorneyMissing, Finding.Error, "Signing for a third party needs its power of attorney."),
        new(ThirdPartyQualificationMissing, Finding.Error, "Signing for a third party needs the third party's qualification."),
    ];
}
