using SmsVerify.Server.Sandbox;

namespace SmsVerify.Server.Compat.Twilio;

/// <summary>A Verify Service as Twilio's SDK reads it; <c>signature</c> and <c>template</c> are SmsVerify's own, which the SDK ignores.</summary>
public sealed record TwilioServiceView(
    string Sid, string AccountSid, string FriendlyName, int CodeLength, bool LookupEnabled, bool Psd2Enabled, bool SkipSmsToLandlines,
    bool DtmfInputRequired, string? TtsName, bool DoNotShareWarningEnabled, bool CustomCodeEnabled, string? DefaultTemplateSid,
    string Signature, string Template, DateTime DateCreated, DateTime DateUpdated, string Url, IReadOnlyDictionary<string, string> Links)
{
    public static TwilioServiceView From(TwilioService s, string accountSid, string baseUrl)
    {
        var url = $"{baseUrl}/v2/Services/{s.Sid}";
        return new(s.Sid, accountSid, s.FriendlyName, s.CodeLength, false, false, false, false, null, false, false, s.Template,
            s.Signature ?? SandboxTemplate.Signature, s.Template ?? SandboxTemplate.TemplateCode, s.CreatedAt, s.UpdatedAt, url,
            new Dictionary<string, string>
            {
                ["verifications"] = $"{url}/Verifications",
                ["verification_checks"] = $"{url}/VerificationCheck",
                ["rate_limits"] = $"{url}/RateLimits",
            });
    }
}

/// <summary>One page of a Twilio list: the items under <c>key</c>, and <c>meta</c> with the urls the SDK follows.</summary>
public sealed record TwilioPageMeta(
    int Page, int PageSize, string FirstPageUrl, string? PreviousPageUrl, string? NextPageUrl, string Url, string Key);
