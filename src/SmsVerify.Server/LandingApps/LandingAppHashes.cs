using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Autofill;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Review;

namespace SmsVerify.Server.LandingApps;

/// <summary>An app's Android package and the SMS Retriever hashes of its builds; <c>[]</c> removes them all.</summary>
public sealed record SetAppHashesRequest(string? AndroidPackage, List<string>? AppHashes);

/// <summary>
/// The SMS Retriever hashes a tenant registers on its app landing applications (at submission, or later on
/// <c>PUT /v1/applications/{id}/app-hashes</c>), and the check that a verification's <c>appHash</c> is one of an
/// approved app's.
/// </summary>
public sealed class LandingAppHashes(AppDbContext db, AuditTrail audit)
{
    public const int MaxPackageLength = 150;

    /// <summary>Release and debug keys, an upload key, a few flavours: more would be a list of other people's apps.</summary>
    public const int MaxHashes = 5;

    public async Task<Outcome<LandingApp>> SetAsync(Guid tenantId, Guid id, SetAppHashesRequest request, CancellationToken cancellationToken)
    {
        var app = await db.LandingApps.FirstOrDefaultAsync(a => a.Id == id && a.TenantId == tenantId, cancellationToken);
        if (app is null)
        {
            return ProblemTypes.ApplicationNotFound.With($"Your tenant has no landing application with id {id}.");
        }
        if (Validate(app.Kind, request.AndroidPackage, request.AppHashes) is { } invalid)
        {
            return invalid;
        }
        app.AndroidPackage = request.AndroidPackage?.Trim();
        app.AppHashes = [.. (request.AppHashes ?? []).Distinct(StringComparer.Ordinal)];
        await audit.SaveChangesAsync(db, new AuditEntry("application.app_hashes_set", $"application:{app.Id}", tenantId,
            $"package={app.AndroidPackage} hashes={string.Join(',', app.AppHashes)}"), cancellationToken);
        return app;
    }

    /// <summary>Why the package and hashes cannot be an application's of <paramref name="kind"/>, or null.</summary>
    public static ApiError? Validate(LandingAppKind kind, string? androidPackage, List<string>? hashes)
    {
        if (androidPackage is null && hashes is not { Count: > 0 })
        {
            return null;
        }
        if (kind != LandingAppKind.App)
        {
            return ProblemTypes.Invalid(hashes is { Count: > 0 } ? "appHashes" : "androidPackage",
                "Only an application of kind app has an Android package and app hashes.");
        }
        if (androidPackage is not null && !IsPackageName(androidPackage.Trim()))
        {
            return ProblemTypes.Invalid("androidPackage", "androidPackage is the app's package name, such as com.example.shop.");
        }
        if (hashes is { Count: > MaxHashes })
        {
            return ProblemTypes.Invalid("appHashes", $"At most {MaxHashes} app hashes.");
        }
        return hashes?.Find(h => !AppHash.IsWellFormed(h)) is { } malformed
            ? ProblemTypes.Invalid("appHashes", $"'{Echo.Truncate(malformed)}' is no app hash: an SMS Retriever hash is 11 characters of A–Z, a–z, 0–9, + and /.")
            : null;
    }

    /// <summary>
    /// Why a message may not carry <paramref name="hash"/>, or null: it must be registered on an approved app of the
    /// tenant, and on the very application a template is tied to, if it is tied to one.
    /// </summary>
    public static async Task<ApiError?> RefusalAsync(AppDbContext db, Guid tenantId, string hash, Guid? applicationId, CancellationToken cancellationToken)
    {
        // A tenant has a handful of applications: their lists are read whole and searched here, not in SQL over JSON.
        var registered = await db.LandingApps.AsNoTracking()
            .Where(a => a.TenantId == tenantId && a.Status == ReviewStatus.Approved && a.Kind == LandingAppKind.App
                && (applicationId == null || a.Id == applicationId))
            .Select(a => a.AppHashes).ToListAsync(cancellationToken);
        if (registered.Exists(hashes => hashes.Contains(hash)))
        {
            return null;
        }
        return ProblemTypes.AppHashNotApproved.With(applicationId is null
            ? $"'{hash}' is not an app hash of one of your approved apps; register it with PUT /v1/applications/{{id}}/app-hashes."
            : $"'{hash}' is not an app hash of application {applicationId}, the one the template is tied to.");
    }

    // An Android application id: two or more dot-separated segments, each a letter followed by letters, digits or _.
    private static bool IsPackageName(string name)
    {
        if (name.Length is 0 or > MaxPackageLength)
        {
            return false;
        }
        var segments = name.Split('.');
        return segments.Length >= 2 && Array.TrueForAll(segments, s =>
            s.Length > 0 && char.IsAsciiLetter(s[0]) && s.AsSpan().IndexOfAnyExcept(Identifier) < 0);
    }

    private static readonly System.Buffers.SearchValues<char> Identifier =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
}
