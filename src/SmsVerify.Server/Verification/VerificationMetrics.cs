using System.Diagnostics.Metrics;

namespace SmsVerify.Server.Verification;

/// <summary>
/// Conversion: <c>smsverify.verifications.sent</c> codes sent, tagged <c>kind</c> = <c>new</c> or <c>resend</c>, and
/// <c>smsverify.verifications.approved</c>, tagged <c>by</c> = <c>code</c> or <c>tenant</c> (approved without a code).
/// Approved over new is the share of people who got through; a falling share with rising sends is the mark of
/// SMS pumping.
/// </summary>
public sealed class VerificationMetrics
{
    public const string MeterName = "SmsVerify.Verifications";

    private static readonly KeyValuePair<string, object?> New = new("kind", "new"), Resend = new("kind", "resend");
    private static readonly KeyValuePair<string, object?> ByCode = new("by", "code"), ByTenant = new("by", "tenant");

    private readonly Counter<long> _sent;
    private readonly Counter<long> _approved;

    public VerificationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _sent = meter.CreateCounter<long>("smsverify.verifications.sent", "{verification}", "Verification codes sent: new ones and resends.");
        _approved = meter.CreateCounter<long>("smsverify.verifications.approved", "{verification}", "Verifications approved.");
    }

    public void Sent(bool resend) => _sent.Add(1, resend ? Resend : New);

    public void Approved(bool byCode) => _approved.Add(1, byCode ? ByCode : ByTenant);
}
