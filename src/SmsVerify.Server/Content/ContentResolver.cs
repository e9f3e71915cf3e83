using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SmsVerify.Server.Content.Matching;
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
/// round trip. Only approved content is kept, so an approval applies at once; what changes a signature or template
/// forgets the tenant's copy (<see cref="TenantCache.ApprovedContent"/>) on every node (<see cref="ClusterCache"/>).
/// </remarks>
public sealed class ContentResolver(IMemoryCache cache, TimeSpan lifetime)
{
    /// <summary>One tenant's approved pairs found so far, and its free-text matcher once one was asked for.</summary>
    private sealed class Found : ConcurrentDictionary<(string Signature, string Template), ApprovedContent>
    {
        public TemplateMatcher? Matcher;
    }

    private static readonly Func<AppDbContext, Guid, string, CancellationToken, Task<ApprovedSignature?>> ApprovedSignature =
        EF.CompileAsyncQuery((AppDbContext db, Guid tenantId, string name, CancellationToken _) =>
            db.Signatures.AsNoTracking()
                .Where(s => s.TenantId == tenantId && s.Name == name && s.Status == ReviewStatus.Approved)
                .Select(s => new ApprovedSignature(s.Id, s.Name, s.Purpose, s.Extension))
                .FirstOrDefault());

    private static readonly Func<AppDbContext, Guid, string, CancellationToken, Task<ApprovedTemplate?>> ApprovedTemplate =
        EF.CompileAsyncQuery((AppDbContext db, Guid tenantId, string code, CancellationToken _) =>
            db.Templates.AsNoTracking()
                .Where(t => t.TenantId == tenantId && t.Code == code && t.Status == ReviewStatus.Approved)
                .Select(t => new ApprovedTemplate(t.Code, t.Type, t.Content, t.Variables, t.ApplicationId))
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
        return templateRow.With(signatureRow);
    }

    /// <summary>
    /// The tenant's free-text matcher, built from all its approved signatures and templates when first asked for and
    /// kept, and forgotten, with the rest of the tenant's approved content.
    /// </summary>
    public async ValueTask<TemplateMatcher> MatcherAsync(AppDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        var found = await cache.GetOrReadAsync(TenantCache.ApprovedContent, tenantId, lifetime, 0, static _ => Task.FromResult(new Found()));
        if (Volatile.Read(ref found.Matcher) is { } matcher)
        {
            return matcher;
        }
        // Two sends racing here both build one; either is right, and the last stays.
        var signatures = await db.Signatures.AsNoTracking()
            .Where(s => s.TenantId == tenantId && s.Status == ReviewStatus.Approved).OrderBy(s => s.Id)
            .Select(s => new ApprovedSignature(s.Id, s.Name, s.Purpose, s.Extension)).ToListAsync(cancellationToken);
        var templates = await db.Templates.AsNoTracking()
            .Where(t => t.TenantId == tenantId && t.Status == ReviewStatus.Approved)
            .Select(t => new ApprovedTemplate(t.Code, t.Type, t.Content, t.Variables, t.ApplicationId)).ToListAsync(cancellationToken);
        matcher = new TemplateMatcher(signatures, templates);
        Volatile.Write(ref found.Matcher, matcher);
        return matcher;
    }

    private static string Name(TemplateType type) => type.ToString().ToLowerInvariant();
}
