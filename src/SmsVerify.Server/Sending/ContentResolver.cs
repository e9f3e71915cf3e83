using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Review;
using SmsVerify.Server.Signatures.Rules;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Sending;

/// <summary>
/// Finds the approved signature and template a send names, and checks that they go together: a template of the
/// type the endpoint sends, and a verification-purpose signature only with verification templates.
/// </summary>
public static class ContentResolver
{
    private sealed record SignatureRow(Guid Id, string Name, SignaturePurpose Purpose, string? Extension);

    private sealed record TemplateRow(string Code, TemplateType Type, string Content, List<TemplateVariable> Variables);

    private static readonly Func<AppDbContext, Guid, string, CancellationToken, Task<SignatureRow?>> ApprovedSignature =
        EF.CompileAsyncQuery((AppDbContext db, Guid tenantId, string name, CancellationToken _) =>
            db.Signatures.AsNoTracking()
                .Where(s => s.TenantId == tenantId && s.Name == name && s.Status == ReviewStatus.Approved)
                .Select(s => new SignatureRow(s.Id, s.Name, s.Purpose, s.Extension))
                .FirstOrDefault());

    private static readonly Func<AppDbContext, Guid, string, CancellationToken, Task<TemplateRow?>> ApprovedTemplate =
        EF.CompileAsyncQuery((AppDbContext db, Guid tenantId, string code, CancellationToken _) =>
            db.Templates.AsNoTracking()
                .Where(t => t.TenantId == tenantId && t.Code == code && t.Status == ReviewStatus.Approved)
                .Select(t => new TemplateRow(t.Code, t.Type, t.Content, t.Variables))
                .FirstOrDefault());

    /// <summary>The content, or why it cannot be sent. <paramref name="only"/> restricts the template type (verifications).</summary>
    public static async Task<Outcome<ApprovedContent>> ResolveAsync(
        AppDbContext db, Guid tenantId, string signature, string template, TemplateType? only, CancellationToken cancellationToken)
    {
        var signatureRow = await ApprovedSignature(db, tenantId, signature, cancellationToken);
        if (signatureRow is null)
        {
            return ProblemTypes.SignatureNotFound.With($"Your tenant has no approved signature '{Echo.Truncate(signature)}'.");
        }
        var templateRow = await ApprovedTemplate(db, tenantId, template, cancellationToken);
        if (templateRow is null)
        {
            return ProblemTypes.TemplateNotFound.With($"Your tenant has no approved template '{Echo.Truncate(template)}'.");
        }
        if (only is { } type && templateRow.Type != type)
        {
            return ProblemTypes.TemplateTypeMismatch.With(
                $"Template {templateRow.Code} is a {Name(templateRow.Type)} template; this endpoint sends {Name(type)} templates only.");
        }
        if (signatureRow.Purpose == SignaturePurpose.Verification && templateRow.Type != TemplateType.Verification)
        {
            return ProblemTypes.TemplateTypeMismatch.With(
                $"Signature '{signatureRow.Name}' is approved for verification codes only; template {templateRow.Code} is a {Name(templateRow.Type)} template.");
        }
        return new ApprovedContent(signatureRow.Id, signatureRow.Name, signatureRow.Purpose, signatureRow.Extension, templateRow.Code, templateRow.Type,
            templateRow.Content, templateRow.Variables);
    }

    private static string Name(TemplateType type) => type.ToString().ToLowerInvariant();
}
