using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Verification;

namespace SmsVerify.Server.Compat.Twilio;

/// <summary>One send of a verification's code: the message that carried it.</summary>
public sealed record TwilioSendCodeAttempt(DateTime Time, string Channel, string AttemptSid);

/// <summary>A Verification as Twilio's SDK reads it. <c>lookup</c>, <c>amount</c>, <c>payee</c> and <c>sna</c> have no SmsVerify counterpart.</summary>
public sealed record TwilioVerificationView(
    string Sid, string ServiceSid, string AccountSid, string To, string Channel, string Status, bool Valid, object? Lookup, string? Amount,
    string? Payee, IReadOnlyList<TwilioSendCodeAttempt> SendCodeAttempts, DateTime DateCreated, DateTime DateUpdated, object? Sna, string Url)
{
    /// <summary>At most this many sends are listed; the native cool-down and limits keep real ones far fewer.</summary>
    private const int MaxAttemptsListed = 20;

    public static async Task<TwilioVerificationView> ReadAsync(
        AppDbContext db, VerificationRecord v, VerificationStatus status, TwilioService service, string accountSid, string baseUrl, CancellationToken cancellationToken)
    {
        var sends = await db.Messages.AsNoTracking().Where(m => m.VerificationId == v.Id).OrderBy(m => m.CreatedAt).Take(MaxAttemptsListed)
            .Select(m => new { m.Id, m.CreatedAt }).ToListAsync(cancellationToken);
        var attempts = sends.Select(m => new TwilioSendCodeAttempt(m.CreatedAt, "sms", TwilioSids.Of(TwilioSids.Attempt, m.Id))).ToList();
        var sid = TwilioSids.Of(TwilioSids.Verification, v.Id);
        return new(sid, service.Sid, accountSid, v.To, "sms", Name(status), status == VerificationStatus.Approved, null, null, null, attempts,
            v.CreatedAt, v.UpdatedAt, null, $"{baseUrl}/v2/Services/{service.Sid}/Verifications/{sid}");
    }

    /// <summary>Twilio's status names are the native ones in snake_case: <c>max_attempts_reached</c>.</summary>
    public static string Name(VerificationStatus status) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());
}

/// <summary>A VerificationCheck: <c>approved</c> and <c>valid</c> for the right code, <c>pending</c> and not valid for a wrong one.</summary>
public sealed record TwilioVerificationCheckView(
    string Sid, string ServiceSid, string AccountSid, string To, string Channel, string Status, bool Valid, string? Amount, string? Payee,
    DateTime DateCreated, DateTime DateUpdated, IReadOnlyList<object> SnaAttemptsErrorCodes);
