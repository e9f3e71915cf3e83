using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Verification;

namespace SmsVerify.Server.Compat.Twilio;

/// <summary>
/// <c>/v2/Services</c>: a tenant's Verify Services, created, read, listed, updated and deleted through Twilio's SDK.
/// Handlers answer <see cref="IResult"/> because every outcome, errors included, is in Twilio's own JSON shape.
/// </summary>
internal static class TwilioServicesApi
{
    public const int DefaultPageSize = 50, MaxPageSize = 1000, MaxPage = 10_000;

    public static void MapTwilioServices(this RouteGroupBuilder group)
    {
        group.MapPost("/Services", Create);
        group.MapGet("/Services", List);
        group.MapGet("/Services/{sid}", Fetch);
        group.MapPost("/Services/{sid}", Update);
        group.MapDelete("/Services/{sid}", Delete);
    }

    /// <summary>The tenant's service with this sid, or null: another tenant's service is not found either.</summary>
    public static Task<TwilioService?> FindAsync(AppDbContext db, Guid tenantId, string sid, CancellationToken cancellationToken) =>
        TwilioSids.IsService(sid)
            ? db.Set<TwilioService>().FirstOrDefaultAsync(s => s.Sid == sid && s.TenantId == tenantId, cancellationToken)
            : Task.FromResult<TwilioService?>(null);

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static async Task<IResult> Create(HttpContext context, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = TwilioAuthentication.CallerOf(context);
        var form = await TwilioForm.ReadAsync(context.Request);
        if (form["FriendlyName"] is not { } friendlyName)
        {
            return TwilioErrors.Invalid("FriendlyName", "FriendlyName is required.");
        }
        if (ValidateNameAndLength(friendlyName, form) is { } invalid)
        {
            return invalid;
        }
        var services = db.Set<TwilioService>();
        if (await services.CountAsync(s => s.TenantId == caller.TenantId, cancellationToken) >= TwilioService.MaxPerTenant)
        {
            return TwilioErrors.Invalid("FriendlyName", $"A tenant keeps at most {TwilioService.MaxPerTenant} services: delete one first.");
        }
        var (signature, template, error) = await TwilioServiceContent.ChooseAsync(db, caller.TenantId, form, friendlyName, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        var now = clock.UtcNowForStorage();
        var service = new TwilioService
        {
            Sid = TwilioSids.NewService(),
            TenantId = caller.TenantId,
            FriendlyName = friendlyName,
            CodeLength = CodeLength(form) ?? VerificationService.DefaultCodeLength,
            Signature = signature,
            Template = template,
            CreatedAt = now,
            UpdatedAt = now,
        };
        services.Add(service);
        await audit.SaveChangesAsync(db, Audit("created", service), cancellationToken);
        return TwilioJson.Ok(TwilioServiceView.From(service, caller.KeyId, BaseUrl(context.Request)), StatusCodes.Status201Created);
    }

    private static async Task<IResult> Fetch(string sid, HttpContext context, AppDbContext db, CancellationToken cancellationToken)
    {
        var caller = TwilioAuthentication.CallerOf(context);
        return await FindAsync(db, caller.TenantId, sid, cancellationToken) is { } service
            ? TwilioJson.Ok(TwilioServiceView.From(service, caller.KeyId, BaseUrl(context.Request)))
            : TwilioErrors.NotFoundAt(context.Request);
    }

    private static async Task<IResult> List(HttpContext context, AppDbContext db, CancellationToken cancellationToken)
    {
        var caller = TwilioAuthentication.CallerOf(context);
        var query = context.Request.Query;
        var pageSize = int.TryParse(query["PageSize"], CultureInfo.InvariantCulture, out var size) ? Math.Clamp(size, 1, MaxPageSize) : DefaultPageSize;
        var page = int.TryParse(query["Page"], CultureInfo.InvariantCulture, out var number) ? Math.Clamp(number, 0, MaxPage) : 0;
        // One more than a page, to know whether there is a next one.
        var rows = await db.Set<TwilioService>().AsNoTracking().Where(s => s.TenantId == caller.TenantId)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Sid).Skip(page * pageSize).Take(pageSize + 1).ToListAsync(cancellationToken);
        var baseUrl = BaseUrl(context.Request);
        string PageUrl(int p) => $"{baseUrl}/v2/Services?PageSize={pageSize}&Page={p}";
        var meta = new TwilioPageMeta(page, pageSize, PageUrl(0), page > 0 ? PageUrl(page - 1) : null,
            rows.Count > pageSize ? PageUrl(page + 1) : null, PageUrl(page), "services");
        var items = rows.Take(pageSize).Select(s => TwilioServiceView.From(s, caller.KeyId, baseUrl)).ToList();
        return TwilioJson.Ok(new { services = items, meta });
    }

    private static async Task<IResult> Update(string sid, HttpContext context, AppDbContext db, AuditTrail audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var caller = TwilioAuthentication.CallerOf(context);
        if (await FindAsync(db, caller.TenantId, sid, cancellationToken) is not { } service)
        {
            return TwilioErrors.NotFoundAt(context.Request);
        }
        var form = await TwilioForm.ReadAsync(context.Request);
        var friendlyName = form["FriendlyName"] ?? service.FriendlyName;
        if (ValidateNameAndLength(friendlyName, form) is { } invalid)
        {
            return invalid;
        }
        if (form.Has("Signature") || form.Has("Template") || form.Has("DefaultTemplateSid"))
        {
            var (signature, template, error) = await TwilioServiceContent.ChooseAsync(db, caller.TenantId, form, friendlyName, cancellationToken);
            if (error is not null)
            {
                return error;
            }
            (service.Signature, service.Template) = (signature, template);
        }
        service.FriendlyName = friendlyName;
        service.CodeLength = CodeLength(form) ?? service.CodeLength;
        service.UpdatedAt = clock.UtcNowForStorage();
        await audit.SaveChangesAsync(db, Audit("updated", service), cancellationToken);
        return TwilioJson.Ok(TwilioServiceView.From(service, caller.KeyId, BaseUrl(context.Request)));
    }

    private static async Task<IResult> Delete(string sid, HttpContext context, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var caller = TwilioAuthentication.CallerOf(context);
        if (await FindAsync(db, caller.TenantId, sid, cancellationToken) is not { } service)
        {
            return TwilioErrors.NotFoundAt(context.Request);
        }
        db.Set<TwilioService>().Remove(service);
        await audit.SaveChangesAsync(db, Audit("deleted", service), cancellationToken);
        return Results.NoContent();
    }

    private static IResult? ValidateNameAndLength(string friendlyName, TwilioForm form)
    {
        if (friendlyName.Length > TwilioService.MaxFriendlyNameLength)
        {
            return TwilioErrors.Invalid("FriendlyName", $"FriendlyName is at most {TwilioService.MaxFriendlyNameLength} characters.");
        }
        return form.Has("CodeLength") && CodeLength(form) is null
            ? TwilioErrors.Invalid("CodeLength", $"CodeLength must be {VerificationService.MinCodeLength} to {VerificationService.MaxCodeLength}.")
            : null;
    }

    private static int? CodeLength(TwilioForm form) =>
        int.TryParse(form["CodeLength"], CultureInfo.InvariantCulture, out var length)
        && length is >= VerificationService.MinCodeLength and <= VerificationService.MaxCodeLength ? length : null;

    private static AuditEntry Audit(string what, TwilioService service) =>
        new($"twilio_service.{what}", $"twilio_service:{service.Sid}", service.TenantId,
            $"{service.FriendlyName} signature={service.Signature ?? "sandbox"} template={service.Template ?? "sandbox"} codeLength={service.CodeLength}");
}
