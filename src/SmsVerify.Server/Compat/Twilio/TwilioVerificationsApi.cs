using SmsVerify.Server.Compat.Credentials;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Phones;
using SmsVerify.Server.Sandbox;
using SmsVerify.Server.Verification;

namespace SmsVerify.Server.Compat.Twilio;

/// <summary>
/// <c>/v2/Services/{sid}/Verifications</c> and <c>/VerificationCheck</c>: Twilio's verification calls, each one
/// call of the native <see cref="VerificationService"/> (and so of the one send pipeline), answered in Twilio's shape.
/// </summary>
internal static partial class TwilioVerificationsApi
{
    public static void MapTwilioVerifications(this RouteGroupBuilder group)
    {
        group.MapPost("/Services/{serviceSid}/Verifications", Create);
        group.MapGet("/Services/{serviceSid}/Verifications/{sid}", Fetch);
        group.MapPost("/Services/{serviceSid}/Verifications/{sid}", Update);
        group.MapPost("/Services/{serviceSid}/VerificationCheck", Check);
    }

    private static async Task<IResult> Create(
        string serviceSid, HttpContext context, AppDbContext db, VerificationService verifications, CancellationToken cancellationToken)
    {
        var caller = TwilioAuthentication.CallerOf(context);
        if (await TwilioServicesApi.FindAsync(db, caller.TenantId, serviceSid, cancellationToken) is not { } service)
        {
            return TwilioErrors.NotFoundAt(context.Request);
        }
        var form = await TwilioForm.ReadAsync(context.Request);
        if (RefusedStart(form, service) is { } refused)
        {
            return refused;
        }
        var started = await verifications.StartAsync(caller.TenantId, caller.Mode, ReadStart(form, service), remember: null, cancellationToken);
        if (started.Error is { } error)
        {
            return TwilioErrors.From(error);
        }
        return await AnswerAsync(context, db, caller, service, started.Value!, StatusCodes.Status201Created, cancellationToken);
    }

    private static async Task<IResult> Fetch(
        string serviceSid, string sid, HttpContext context, AppDbContext db, VerificationService verifications, CancellationToken cancellationToken)
    {
        var caller = TwilioAuthentication.CallerOf(context);
        if (await FindAsync(db, caller, serviceSid, sid, cancellationToken) is not ({ } service, { } verification))
        {
            return TwilioErrors.NotFoundAt(context.Request);
        }
        var view = await verifications.GetAsync(caller.TenantId, verification.Id, cancellationToken);
        return view.Error is { } error
            ? TwilioErrors.From(error)
            : await AnswerAsync(context, db, caller, service, view.Value!, StatusCodes.Status200OK, cancellationToken);
    }

    /// <summary>
    /// <c>Status=canceled</c> cancels; <c>Status=approved</c> approves without a code, for a person the tenant
    /// confirmed some other way (Twilio's use of it), audited as such.
    /// </summary>
    private static async Task<IResult> Update(
        string serviceSid, string sid, HttpContext context, AppDbContext db, VerificationService verifications, CancellationToken cancellationToken)
    {
        var caller = TwilioAuthentication.CallerOf(context);
        if (await FindAsync(db, caller, serviceSid, sid, cancellationToken) is not ({ } service, { } verification))
        {
            return TwilioErrors.NotFoundAt(context.Request);
        }
        var status = (await TwilioForm.ReadAsync(context.Request))["Status"];
        if (status is not ("canceled" or "approved"))
        {
            return TwilioErrors.Invalid("Status", "Status must be canceled or approved.");
        }
        var updated = status == "canceled"
            ? await verifications.CancelAsync(caller.TenantId, verification.Id, cancellationToken)
            : await verifications.ApproveWithoutCodeAsync(caller.TenantId, verification.Id, cancellationToken);
        return updated.Error is { } error
            ? TwilioErrors.From(error)
            : await AnswerAsync(context, db, caller, service, updated.Value!, StatusCodes.Status200OK, cancellationToken);
    }

    /// <summary>The service, and the verification it sent with this sid; null when either is not the caller's.</summary>
    private static async Task<(TwilioService, VerificationRecord)?> FindAsync(
        AppDbContext db, VendorCaller caller, string serviceSid, string sid, CancellationToken cancellationToken)
    {
        if (!TwilioSids.TryParse(sid, TwilioSids.Verification, out var id)
            || await TwilioServicesApi.FindAsync(db, caller.TenantId, serviceSid, cancellationToken) is not { } service)
        {
            return null;
        }
        var verification = await VerificationQueries.ById(db, caller.TenantId, id, cancellationToken);
        return verification is not null && service.Sent(verification) ? (service, verification) : null;
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, AppDbContext db, VendorCaller caller, TwilioService service,
        VerificationView view, int status, CancellationToken cancellationToken)
    {
        // Read again for what the native view leaves out (when it last changed) and what it sent (its messages).
        var verification = await VerificationQueries.ById(db, caller.TenantId, view.Id, cancellationToken);
        var answer = await TwilioVerificationView.ReadAsync(db, verification!, view.Status, service, caller.KeyId,
            TwilioServicesApi.BaseUrl(context.Request), cancellationToken);
        return TwilioJson.Ok(answer, status);
    }
}
