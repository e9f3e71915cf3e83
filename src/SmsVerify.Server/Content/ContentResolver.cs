using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Review;
using SmsVerify.Server.Signatures.Rules;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Content;

/// <summary>
/// Finds the approved signature and template a send names, and checks that they go together: a template of the
/// type the door sends, and a verification-purpose signature only with verification templates.
/// </summary>
/// <remarks>
/// Every send asks, so what was found is kept per tenant for <paramref name="lifetime"/>: a hit costs no database
/// round trip. Only approved content is kept, so an approval applies at once; the node where a signature or template
/// changes forgets the tenant's copy (<see cref="TenantCache.ApprovedContent"/>), and other nodes stop sending
/// content that is no longer approved when their copy ages out.
/// </remarks>
public sealed class ContentResolver(IMemoryCache cache, TimeSpan lifetime)
{
    private sealed record SignatureRow(Guid Id, string Name, SignaturePurpose Purpose, string? Extension);

    private sealed record TemplateRow(string Code, TemplateType Type, string Content, List<TemplateVariable> Variables, Guid? ApplicationId);

    /// <summary>One tenant's approved pairs found so far.</summary>
    private sealed class Found : ConcurrentDictionary<(string Signature, string Template), ApprovedContent>;

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
                .Select(t => new TemplateRow(t.Code, t.Type, t.Content, t.Variables, t.ApplicationId))
                .FirstOrDefault());

    /// <summary>The content, or why it cannot be sent. <paramref name="only"/> restricts the template type (verification codes).</summary>
    public async ValueTask<Outcome<ApprovedContent>> ResolveAsync(
        AppDbContext db, Guid tenantId, string signature, string template, TemplateType? only, CancellationToken cancellationToken)
    {
        var found = await cache.GetOrReadAsync(TenantCache.ApprovedContent, tenantId, lifetime, 0, static _ => Task.FromResult(new Found()));
        if (!found.TryGetValue((signature, template), out var content))
        {
            var read = await ReadAsync(db, tenantId, signature, template, cancellationToken);
            if (read.Error is { } missing)
            {
                return missing;
            }
            content = found[(signature, template)] = read.Value!;
        }
        if (only is { } type && content.Type != type)
        {
            return ProblemTypes.TemplateTypeMismatch.With(
                $"Template {content.Template} is a {Name(content.Type)} template; this endpoint sends {Name(type)} templates only.");
        }
        if (content.Purpose == SignaturePurpose.Verification && content.Type != TemplateType.Verification)
        {
            return ProblemTypes.TemplateTypeMismatch.With(
                $"Signature '{content.Signature}' is approved for verification codes only; template {content.Template} is a {Name(content.Type)} template.");
        }
        return content;
    }

    private static async Task<Outcome<ApprovedContent>> ReadAsync(AppDbContext db, Guid tenantId, string signature, string template, CancellationToken cancellationToken)
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
        return new ApprovedContent(signatureRow.Id, signatureRow.Name, signatureRow.Purpose, signatureRow.Extension, templateRow.Code, templateRow.Type,
            templateRow.Content, templateRow.Variables, templateRow.ApplicationId);
    }

    private static string Name(TemplateType type) => type.ToString().ToLowerInvariant();
}
