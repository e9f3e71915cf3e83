using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Review;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Compat.Twilio;

/// <summary>
/// Which approved signature and verification template a service sends with. Twilio's SDKs have no field for either,
/// so each is taken from the first of: SmsVerify's own form parameter (<c>Signature</c>, <c>Template</c>), the
/// Twilio parameter that means the same (<c>FriendlyName</c>, the name shown in the message, for the signature;
/// <c>DefaultTemplateSid</c> for the template), or the tenant's only approved one. A tenant with none keeps the
/// built-in sandbox template (test numbers only).
/// </summary>
internal static class TwilioServiceContent
{
    private const int MaxListed = 100;

    public static async Task<(string? Signature, string? Template, IResult? Error)> ChooseAsync(
        AppDbContext db, Guid tenantId, TwilioForm form, string friendlyName, CancellationToken cancellationToken)
    {
        var signatures = await db.Signatures.AsNoTracking()
            .Where(s => s.TenantId == tenantId && s.Status == ReviewStatus.Approved)
            .Select(s => s.Name).Take(MaxListed).ToListAsync(cancellationToken);
        var templates = await db.Templates.AsNoTracking()
            .Where(t => t.TenantId == tenantId && t.Status == ReviewStatus.Approved && t.Type == TemplateType.Verification)
            .Select(t => t.Code).Take(MaxListed).ToListAsync(cancellationToken);

        var askedSignature = form["Signature"];
        var askedTemplate = form["Template"] ?? form["DefaultTemplateSid"];
        if (askedSignature is not null && !signatures.Contains(askedSignature))
        {
            return (null, null, TwilioErrors.Invalid("Signature", $"'{Echo(askedSignature)}' is not one of your approved signatures."));
        }
        if (askedTemplate is not null && !templates.Contains(askedTemplate))
        {
            return (null, null, TwilioErrors.Invalid(form.Has("Template") ? "Template" : "DefaultTemplateSid",
                $"'{Echo(askedTemplate)}' is not one of your approved verification templates."));
        }
        var signature = askedSignature ?? (signatures.Contains(friendlyName) ? friendlyName : Only(signatures));
        var template = askedTemplate ?? Only(templates);
        if (signature is not null && template is not null)
        {
            return (signature, template, null);
        }
        if (askedSignature is null && askedTemplate is null && (signatures.Count == 0 || templates.Count == 0))
        {
            // Nothing approved to pair: the sandbox template, which reaches the tenant's test numbers only.
            return (null, null, null);
        }
        return signature is null
            ? (null, null, TwilioErrors.Invalid("Signature", $"Your tenant has {signatures.Count} approved signatures: name one with the Signature parameter, or as the FriendlyName."))
            : (null, null, TwilioErrors.Invalid("Template", $"Your tenant has {templates.Count} approved verification templates: name one with the Template (or DefaultTemplateSid) parameter."));
    }

    private static string? Only(List<string> approved) => approved.Count == 1 ? approved[0] : null;

    private static string Echo(string value) => Infrastructure.Problems.Echo.Truncate(value);
}
