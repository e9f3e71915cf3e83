using SmsVerify.Server.Review;

namespace SmsVerify.Server.Templates.Rules;

/// <summary>Every finding template review can produce. Codes are stable: clients and docs rely on them.</summary>
public static class TemplateFindingCodes
{
    public const string NameInvalid = "template_name_invalid";
    public const string ScenarioInvalid = "scenario_invalid";
    public const string ContentLength = "content_length";
    public const string SignatureBrackets = "reserved_brackets";
    public const string EdgeBrackets = "edge_brackets";
    public const string SpecialSymbol = "special_symbol";
    public const string TraditionalChinese = "traditional_chinese";
    public const string VariableMalformed = "variable_malformed";
    public const string VariableTypeUnknown = "variable_type_unknown";
    public const string VariableTypeConflict = "variable_type_conflict";
    public const string OnlyVariables = "only_variables";
    public const string AdjacentVariables = "adjacent_variables";
    public const string LinkNotApproved = "link_not_approved";
    public const string LinkInVariable = "link_in_variable";
    public const string LinkNotAllowed = "link_not_allowed";
    public const string WebOtpHostNotApproved = "webotp_host_not_approved";
    public const string WebOtpCodeNotVariable = "webotp_code_not_variable";
    public const string WebOtpNotLastLine = "webotp_not_last_line";
    public const string WebOtpNotVerification = "webotp_not_verification";
    public const string BannedIndustry = "banned_industry";
    public const string VerificationVariableCount = "verification_variable_count";
    public const string VerificationVariableNotCode = "verification_variable_not_code";
    public const string VerificationKeywordMissing = "verification_keyword_missing";
    public const string VerificationContextMissing = "verification_context_missing";
    public const string ContactNumberNotAllowed = "contact_number_not_allowed";
    public const string ContactNumberMobile = "contact_number_mobile";
    public const string ContactNumberTooMany = "contact_number_too_many";
    public const string ContactHandle = "contact_handle";
    public const string MarketingWording = "marketing_wording";
    public const string OptOutNotAllowed = "opt_out_not_allowed";
    public const string OptOutMissing = "opt_out_missing";
    public const string AdvertisingLawTerm = "advertising_law_term";
    public const string PersonalMarketing = "personal_marketing_not_allowed";
    public const string PersonalForbiddenWord = "personal_forbidden_word";

    public static readonly IReadOnlyList<FindingCode> All =
    [
        new(NameInvalid, Finding.Error, "A template needs a name of 1–30 characters."),
        new(ScenarioInvalid, Finding.Error, "The scenario (1–64 characters) is what auditors check the content against."),
        new(ContentLength, Finding.Error, "Content is 1–500 characters, variables counted as written."),
        new(SignatureBrackets, Finding.Error, "【】 are reserved for the signature, which the platform adds."),
        new(EdgeBrackets, Finding.Error, "[ ] at the start or end looks like a forged signature."),
        new(SpecialSymbol, Finding.Error, "Carriers block special symbols and emoji (①★※→ and the like)."),
        new(TraditionalChinese, Finding.Error, "Domestic templates are written in Simplified Chinese."),
        new(VariableMalformed, Finding.Error, "A variable is written ${name}: 1–32 letters, digits or underscores."),
        new(VariableTypeUnknown, Finding.Error, "A declared variable type must be one the platform checks values for."),
        new(VariableTypeConflict, Finding.Error, "One variable name cannot declare two types."),
        new(OnlyVariables, Finding.Error, "A template made only of variables lets the sender write anything."),
        new(AdjacentVariables, Finding.Error, "Two variables side by side act as one free-text field."),
        new(LinkNotApproved, Finding.Error, "Links may only point to the tenant's approved (ICP-filed) applications."),
        new(LinkInVariable, Finding.Error, "A link's host must be fixed text, never a variable."),
        new(LinkNotAllowed, Finding.Error, "Verification templates carry no link."),
        new(WebOtpHostNotApproved, Finding.Error, "A WebOTP line (@host #${code}) binds the code to the domain of one of the tenant's approved applications."),
        new(WebOtpCodeNotVariable, Finding.Error, "The # of a WebOTP line is followed by the code variable alone."),
        new(WebOtpNotLastLine, Finding.Error, "A WebOTP line works only as the message's very last line."),
        new(WebOtpNotVerification, Finding.Error, "Only verification templates end with a WebOTP line."),
        new(BannedIndustry, Finding.Error, "Content of a banned industry is vetoed on every template."),
        new(VerificationVariableCount, Finding.Error, "A verification template has exactly one variable: the code."),
        new(VerificationVariableNotCode, Finding.Error, "The one variable of a verification template holds the code."),
        new(VerificationKeywordMissing, Finding.Error, "A verification template names what it sends: 验证码, 注册码, 校验码 or 动态码."),
        new(VerificationContextMissing, Finding.Warning, "A verification template should say what the code is for or how long it is valid."),
        new(ContactNumberNotAllowed, Finding.Error, "Verification templates carry no contact number."),
        new(ContactNumberMobile, Finding.Error, "Only official numbers (landline, 400/800, 95/96) may appear; a mobile number may not."),
        new(ContactNumberTooMany, Finding.Error, "At most two contact numbers in a notification."),
        new(ContactHandle, Finding.Error, "No template asks readers to add a WeChat, QQ or other messaging account (加微信, V: abc123)."),
        new(MarketingWording, Finding.Error, "Verification and notification templates carry no marketing."),
        new(OptOutNotAllowed, Finding.Error, "Opt-out text belongs to marketing templates only."),
        new(OptOutMissing, Finding.Error, "A marketing template ends with the opt-out text 拒收请回复R."),
        new(AdvertisingLawTerm, Finding.Warning, "Absolute terms (最低价, 国家级…) break the Advertising Law; a reviewer decides."),
        new(PersonalMarketing, Finding.Error, "Personal tenants send verification codes and notifications only."),
        new(PersonalForbiddenWord, Finding.Error, "Personal tenants may not mention marketing, activities, invitations or benefits."),
    ];
}
