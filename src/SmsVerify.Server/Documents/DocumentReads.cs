using Microsoft.AspNetCore.Http.HttpResults;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Qualifications;

namespace SmsVerify.Server.Documents;

/// <summary>
/// Serves a submission's document to someone already allowed to see the submission (its tenant, or an auditor),
/// and records every read in the audit trail before the content leaves the server.
/// </summary>
public static class DocumentReads
{
    /// <param name="owner">The submission, as the trail names it: <c>qualification:{id}</c>, <c>real_person:{id}</c>.</param>
    public static async Task<Results<FileContentHttpResult, ApiProblem>> ServeAsync(
        Guid tenantId, string owner, IEnumerable<DocumentRef> documents, string field, AppDbContext db, AuditTrail audit, DocumentStore store,
        CancellationToken cancellationToken)
    {
        var document = documents.FirstOrDefault(d => d.Field == field);
        var content = document is null ? null : await store.ReadAsync(tenantId, document.Id, cancellationToken);
        if (document is null || content is null)
        {
            return ProblemTypes.DocumentNotFound.With($"{owner} has no document '{Echo.Truncate(field)}'.").ToResult();
        }
        await audit.SaveChangesAsync(db, new AuditEntry("document.read", $"document:{document.Id}", tenantId,
            $"{owner.Replace(':', '=')} field={field}"), cancellationToken);
        return TypedResults.File(content, document.Type.ContentType(), $"{field}.{document.Type.ToString().ToLowerInvariant()}");
    }

    public static Task<Results<FileContentHttpResult, ApiProblem>> ServeAsync(
        Qualification qualification, string field, AppDbContext db, AuditTrail audit, DocumentStore store, CancellationToken cancellationToken) =>
        ServeAsync(qualification.TenantId, $"qualification:{qualification.Id}", qualification.Documents, field, db, audit, store, cancellationToken);
}
