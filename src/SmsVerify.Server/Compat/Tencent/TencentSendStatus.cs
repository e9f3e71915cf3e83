using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Compat.Callbacks;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Limits;
using SmsVerify.Server.Messages;

namespace SmsVerify.Server.Compat.Tencent;

/// <summary>One entry of <c>PullSmsSendStatusSet</c>; <c>UserReceiveTime</c> in UNIX seconds, as 2021-01-11 has it.</summary>
internal sealed record PulledStatus(
    long UserReceiveTime, string CountryCode, string SubscriberNumber, string PhoneNumber, string SerialNo, string ReportStatus, string Description,
    string SessionContext);

/// <summary><c>PullSmsSendStatus</c>: the tenant's delivery reports not pulled yet, each returned once (<see cref="TencentPulls"/>).</summary>
internal sealed class TencentSendStatus(AppDbContext db, ILimitStore limits, TimeProvider clock)
{
    public async Task<JsonObject> PullAsync(TencentCall call, CancellationToken cancellationToken)
    {
        CheckApp(call);
        var limit = TencentPulls.Limit(call);
        var now = clock.GetUtcNow();
        var pulled = await TencentPulls.TakeOnceAsync(Reports(call.Caller.TenantId, now.UtcDateTime - TencentPulls.Lookback), limit,
            m => $"tencent-pulled:{m.TenantId:N}:{m.Id:N}", Status, limits, now, cancellationToken);
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
        var (country, national) = CallbackEvents.Split(m.To);
        return new PulledStatus(
            CallbackEvents.UnixSeconds(m.DoneAt!.Value), country, national, m.To, m.Id.ToString(),
            delivered ? "SUCCESS" : "FAIL", delivered ? "用户短信送达成功" : m.ErrorCode ?? m.Status.ToString().ToUpperInvariant(), m.ClientReference ?? "");
    }
}
