using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Limits;
using SmsVerify.Server.Messages;

namespace SmsVerify.Server.Compat.Tencent;

/// <summary>One entry of <c>PullSmsSendStatusSet</c>; <c>UserReceiveTime</c> in UNIX seconds, as 2021-01-11 has it.</summary>
internal sealed record PulledStatus(
    long UserReceiveTime, string CountryCode, string SubscriberNumber, string PhoneNumber, string SerialNo, string ReportStatus, string Description,
    string SessionContext);

/// <summary>
/// <c>PullSmsSendStatus</c>: the tenant's delivery reports not pulled yet, each returned once. Which were pulled is
/// kept as a claim per message in the limits store (shared by all nodes, like nonces), so no column is needed; the
/// claims outlive <see cref="Lookback"/>, the age past which a report is no longer offered.
/// </summary>
internal sealed class TencentSendStatus(AppDbContext db, ILimitStore limits, TimeProvider clock)
{
    public const int MaxLimit = 100;

    /// <summary>Reports older than this are not offered (Tencent keeps pull data for a limited time as well).</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromHours(24);

    /// <summary>The most report rows one pull reads, pulled ones included, so a pull stays cheap however much was sent.</summary>
    public const int MaxScan = 2000;

    private const int Page = 200;

    public async Task<JsonObject> PullAsync(TencentCall call, CancellationToken cancellationToken)
    {
        CheckApp(call);
        var limit = (int)(call.Parameters.Integer("Limit", 1, MaxLimit)
            ?? throw new TencentException(TencentCodes.MissingParameter, $"Limit is required (1 to {MaxLimit})."));
        var now = clock.GetUtcNow();
        var since = now.UtcDateTime - Lookback;
        var pulled = new List<PulledStatus>(limit);
        for (var scanned = 0; pulled.Count < limit && scanned < MaxScan; scanned += Page)
        {
            // Pages by offset: a report finished meanwhile may shift one out of sight, and the next pull finds it.
            var page = await Reports(call.Caller.TenantId, since).Skip(scanned).Take(Page).ToListAsync(cancellationToken);
            foreach (var m in page)
            {
                if (pulled.Count < limit && await limits.TryClaimAsync($"tencent-pulled:{m.TenantId:N}:{m.Id:N}", 2 * Lookback, now, cancellationToken))
                {
                    pulled.Add(Status(m));
                }
            }
            if (page.Count < Page)
            {
                break;
            }
        }
        return TencentApi.ToNode(new { PullSmsSendStatusSet = pulled });
    }

    /// <summary>The credential's app, named as Tencent names it; the SDK sends it with every SMS call.</summary>
    public static void CheckApp(TencentCall call)
    {
        var appId = call.Parameters.Bounded("SmsSdkAppId", 64);
        if (appId is null)
        {
            throw new TencentException(TencentCodes.MissingParameter, "SmsSdkAppId is required.");
        }
        if (appId != call.Caller.AppId)
        {
            throw new TencentException(TencentCodes.SmsSdkAppIdVerifyFail, "SmsSdkAppId is not the app of this SecretId: use the appId your credential was created with.");
        }
    }

    /// <summary>Messages with a final outcome from a carrier (or a test number's inbox), oldest first; refusals at send time were answered then.</summary>
    private IQueryable<MessageRecord> Reports(Guid tenantId, DateTime since) =>
        db.Messages.AsNoTracking()
            .Where(m => m.TenantId == tenantId && m.DoneAt != null && m.DoneAt >= since && !(m.Status == MessageStatus.Failed && m.Channel == null))
            .OrderBy(m => m.DoneAt).ThenBy(m => m.Id);

    private static PulledStatus Status(MessageRecord m)
    {
        var delivered = m.Status == MessageStatus.Delivered;
        var national = m.To.StartsWith("+86", StringComparison.Ordinal) ? m.To[3..] : m.To.TrimStart('+');
        return new PulledStatus(
            new DateTimeOffset(DateTime.SpecifyKind(m.DoneAt!.Value, DateTimeKind.Utc)).ToUnixTimeSeconds(),
            m.To.StartsWith("+86", StringComparison.Ordinal) ? "86" : "", national, m.To, m.Id.ToString(),
            delivered ? "SUCCESS" : "FAIL", delivered ? "用户短信送达成功" : m.ErrorCode ?? m.Status.ToString().ToUpperInvariant(), m.ClientReference ?? "");
    }
}
