using SmsVerify.Server.Verification;

namespace SmsVerify.Server.Compat.Twilio;

// How Twilio's create parameters become a native start, and which of them SmsVerify refuses rather than ignores.
internal static partial class TwilioVerificationsApi
{
    /// <summary>
    /// Parameters that would change what the message says or what code it carries: SmsVerify sends only approved
    /// templates with codes it makes, so these are refused rather than quietly dropped.
    /// </summary>
    private static readonly string[] Refused = ["CustomCode", "CustomMessage"];

    /// <summary>The native start for a create that <see cref="RefusedStart"/> let through.</summary>
    private static CreateVerificationRequest ReadStart(TwilioForm form, TwilioService service)
    {
        form.TryReadObject("TemplateCustomSubstitutions", out var values);
        form.TryReadObject("RateLimits", out var rateLimits);
        // Twilio appends AppHash to the SMS for Android's SMS Retriever; so does SmsVerify, on a line of its own.
        return new CreateVerificationRequest(form["To"], service.Signature, service.Template, values, service.CodeLength, null,
            RateLimits: rateLimits, EndUserIp: form["DeviceIp"], AppHash: form["AppHash"]);
    }

    private static IResult? RefusedStart(TwilioForm form, TwilioService service)
    {
        if (!form.Has("To"))
        {
            return TwilioErrors.Invalid("To", "To is required.");
        }
        if (form["Channel"] != "sms")
        {
            return TwilioErrors.Invalid("Channel", $"'{Echo(form["Channel"])}' is not offered: SmsVerify sends by sms only.");
        }
        if (Refused.FirstOrDefault(form.Has) is { } refused)
        {
            return TwilioErrors.Invalid(refused, $"{refused} is not supported: SmsVerify sends only approved templates, with codes it makes itself.");
        }
        if (form["TemplateSid"] is { } template && template != service.Template)
        {
            return TwilioErrors.Invalid("TemplateSid", "A verification sends with its service's template; update the service (DefaultTemplateSid) to change it.");
        }
        if (form["CustomFriendlyName"] is { } name && name != service.Signature)
        {
            return TwilioErrors.Invalid("CustomFriendlyName", "The name shown is the service's approved signature; update the service to change it.");
        }
        if (!form.TryReadObject("TemplateCustomSubstitutions", out _))
        {
            return TwilioErrors.Invalid("TemplateCustomSubstitutions", "TemplateCustomSubstitutions is a JSON object of the template's other variables.");
        }
        return form.TryReadObject("RateLimits", out _)
            ? null
            : TwilioErrors.Invalid("RateLimits", "RateLimits is a JSON object of your rate-limit keys and this request's values.");
    }

    private static string Echo(string? value) => Infrastructure.Problems.Echo.Truncate(value);
}
