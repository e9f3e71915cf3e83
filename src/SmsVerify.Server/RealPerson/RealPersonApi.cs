using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Documents;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Qualifications;
using SmsVerify.Server.Review;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.RealPerson;

/// <summary>
/// The multipart form of <c>POST /v1/qualifications/{id}/real-person</c>: a selfie or video of the holder (personal),
/// or a video of the legal representative holding the licence (enterprise), and which provider judges it.
/// </summary>
public sealed class RealPersonForm
{
    public string? Provider { get; set; }
    public string? SandboxOutcome { get; set; }
    public string? SandboxVerifiedName { get; set; }
    public IFormFile? Selfie { get; set; }
    public IFormFile? LegalRepVideo { get; set; }
}

public static class RealPersonApi
{
    public static RouteGroupBuilder MapRealPerson(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/qualifications/{id:guid}/real-person").WithTags("Qualifications").RequireAuthorization(Policies.Tenant);
        group.MapPost("/", Submit).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(64L * 1024 * 1024));
        group.MapGet("/", List);
        return group;
    }

    private static async Task<Results<Created<RealPersonCheckView>, ApiProblem>> Submit(
        Guid id, [FromForm] RealPersonForm form, ClaimsPrincipal user, AppDbContext db, RealPersonService realPerson, DocumentStore documents,
        CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var qualification = await db.Qualifications.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id && q.TenantId == tenantId, cancellationToken);
        if (qualification is null)
        {
            return ProblemTypes.QualificationNotFound.With($"Your tenant has no qualification with id {id}.").ToResult();
        }
        if (qualification.Status != ReviewStatus.PendingReview)
        {
            return ProblemTypes.QualificationNotPending.With($"Qualification {id} is {qualification.Status}.").ToResult();
        }
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == tenantId, cancellationToken);
        var provider = realPerson.Provider(form.Provider, tenant);
        if (provider.Error is { } unavailable)
        {
            return unavailable.ToResult();
        }
        var (field, file) = qualification.Kind == TenantKind.Personal ? ("selfie", form.Selfie) : ("legalRepVideo", form.LegalRepVideo);
        if (file is null)
        {
            return ProblemTypes.Invalid(field, qualification.Kind == TenantKind.Personal
                ? "Send a selfie (a photo or a short video) of the holder as 'selfie'."
                : "Send a video of the legal representative holding the business licence as 'legalRepVideo'.").ToResult();
        }
        var media = await StoreAsync(documents, tenantId, field, file, videoOnly: field == "legalRepVideo", cancellationToken);
        if (media.Error is { } badFile)
        {
            return badFile.ToResult();
        }
        var (reference, content) = media.Value;
        var check = await realPerson.StartAsync(provider.Value!, qualification, reference, content, Options(form), cancellationToken);
        return TypedResults.Created($"/v1/qualifications/{id}/real-person", RealPersonCheckView.From(check));
    }

    private static async Task<Results<Ok<List<RealPersonCheckView>>, ApiProblem>> List(Guid id, ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        if (!await db.Qualifications.AnyAsync(q => q.Id == id && q.TenantId == tenantId, cancellationToken))
        {
            return ProblemTypes.QualificationNotFound.With($"Your tenant has no qualification with id {id}.").ToResult();
        }
        var checks = await db.RealPersonChecks.AsNoTracking().Where(c => c.QualificationId == id).OrderBy(c => c.SubmittedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(checks.ConvertAll(RealPersonCheckView.From));
    }

    /// <summary>Stores the media encrypted like every document; the provider gets the plain bytes once, now.</summary>
    public static async Task<Outcome<(DocumentRef Reference, byte[] Content)>> StoreAsync(
        DocumentStore documents, Guid tenantId, string field, IFormFile file, bool videoOnly, CancellationToken cancellationToken)
    {
        var content = await Uploads.ReadAllAsync(file, cancellationToken);
        var type = DocumentTypes.Sniff(content);
        if (type == DocumentType.Pdf || (videoOnly && type is not (null or DocumentType.Mp4)))
        {
            return ProblemTypes.Invalid(field, videoOnly ? $"{field} must be an MP4 video." : $"{field} must be a JPEG or PNG photo, or an MP4 video.");
        }
        var saved = await documents.SaveAsync(tenantId, field, new MemoryStream(content), cancellationToken);
        if (saved.Error is { } error)
        {
            return error;
        }
        return (new DocumentRef(field, saved.Value!.Id, saved.Value.Type, saved.Value.Size, saved.Value.Sha256), content);
    }

    private static Dictionary<string, string> Options(RealPersonForm form)
    {
        Dictionary<string, string> options = [];
        if (form.SandboxOutcome is { Length: > 0 and <= 16 } outcome)
        {
            options[SandboxRealPersonProvider.OutcomeOption] = outcome;
        }
        if (form.SandboxVerifiedName is { Length: > 0 and <= QualificationForm.MaxNameLength } name)
        {
            options[SandboxRealPersonProvider.VerifiedNameOption] = name.Trim();
        }
        return options;
    }
}
