using SmsVerify.Server.Compat.Credentials;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Phones;
using SmsVerify.Server.Verification;

namespace SmsVerify.Server.Compat.Twilio;

// VerificationCheck: a wrong code is an answer (pending, not valid), not an error, as at Twilio.
internal static partial class TwilioVerificationsApi
{
    private static async Task<IResult> Check(
        string serviceSid, HttpContext context, AppDbContext db, VerificationService verifications, CancellationToken cancellationToken)
    {
        var caller = TwilioAuthentication.CallerOf(context);
        if (await TwilioServicesApi.FindAsync(db, caller.TenantId, serviceSid, cancellationToken) is not { } service)
        {
            return TwilioErrors.NotFoundAt(context.Request);
        }
        var form = await TwilioForm.ReadAsync(context.Request);
        if (form["Code"] is not { Length: <= VerificationService.MaxSubmittedCodeLength } code)
        {
            return TwilioErrors.Invalid("Code", $"Code is required, at most {VerificationService.MaxSubmittedCodeLength} characters.");
        }
        if (form.Has("To") == form.Has("VerificationSid"))
        {
            return TwilioErrors.Invalid("To", "Give either To or VerificationSid.");
        }
        var found = await FindToCheckAsync(db, context.Request, caller, service, form, cancellationToken);
        if (found.Error is not null)
        {
            return found.Error;
        }
        var verification = found.Verification!;
        var checkedView = await verifications.CheckAsync(caller.TenantId, new CheckVerificationRequest(verification.Id, null, code), cancellationToken);
        if (checkedView.Error is { } error)
        {
            return TwilioErrors.From(error);
        }
        var after = await VerificationQueries.ById(db, caller.TenantId, verification.Id, cancellationToken) ?? verification;
        var status = checkedView.Value!.Status;
        return TwilioJson.Ok(new TwilioVerificationCheckView(TwilioSids.Of(TwilioSids.Verification, after.Id), service.Sid, caller.KeyId, after.To,
            "sms", TwilioVerificationView.Name(status), status == VerificationStatus.Approved, null, null, after.CreatedAt, after.UpdatedAt, []));
    }

    /// <summary>The verification a check names (by sid, or the latest to the number) when this service sent it.</summary>
    private static async Task<(VerificationRecord? Verification, IResult? Error)> FindToCheckAsync(
        AppDbContext db, HttpRequest request, VendorCaller caller, TwilioService service, TwilioForm form, CancellationToken cancellationToken)
    {
        VerificationRecord? verification;
        if (form["VerificationSid"] is { } sid)
        {
            verification = TwilioSids.TryParse(sid, TwilioSids.Verification, out var id)
                ? await VerificationQueries.ById(db, caller.TenantId, id, cancellationToken)
                : null;
        }
        else if (PhoneNumberParser.TryParseMobile(form["To"], out var phone))
        {
            verification = await VerificationQueries.LatestTo(db, caller.TenantId, phone, cancellationToken);
        }
        else
        {
            return (null, TwilioErrors.Invalid("To", $"'{Echo(form["To"])}' is not a valid mobile number."));
        }
        return verification is not null && service.Sent(verification)
            ? (verification, null)
            : (null, TwilioErrors.NotFoundAt(db is null ? throw new InvalidOperationException() : null!));
    }
}
