using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Compat.Callbacks;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Limits;
using SmsVerify.Server.Messages.Inbound;

namespace SmsVerify.Server.Compat.Tencent;

/// <summary>One entry of <c>PullSmsReplyStatusSet</c>; <c>ReplyTime</c> in UNIX seconds, as 2021-01-11 has it.</summary>
internal sealed record PulledReply(
    string SmsSdkAppId, string ReplyContent, long ReplyTime, string CountryCode, string SubscriberNumber, string PhoneNumber, string SignName,
    string ExtendCode);

/// <summary><c>PullSmsReplyStatus</c>: the replies from phones to the tenant not pulled yet, each returned once (<see cref="TencentPulls"/>).</summary>
internal sealed class TencentReplyStatus(AppDbContext db, ILimitStore limits, TimeProvider clock)
{
    public async Task<JsonObject> PullAsync(TencentCall call, CancellationToken cancellationToken)
    {
        TencentSendStatus.CheckApp(call);
        var limit = TencentPulls.Limit(call);
        var now = clock.GetUtcNow();
        var tenantId = call.Caller.TenantId;
        var appId = call.Caller.AppId ?? "";
        var pulled = await TencentPulls.TakeOnceAsync(Replies(tenantId, now.UtcDateTime - TencentPulls.Lookback), limit,
            reply => $"tencent-reply-pulled:{tenantId:N}:{reply.Message.Id:N}", reply => Entry(appId, reply), limits, now, cancellationToken);
        return TencentApi.ToNode(new { PullSmsReplyStatusSet = pulled });
    }

    private static PulledReply Entry(string appId, Reply reply)
    {
        var (country, number) = CallbackEvents.Split(reply.Message.From);
        return new PulledReply(appId, reply.Message.Text, CallbackEvents.UnixSeconds(reply.Message.ReceivedAt), country, number, reply.Message.From,
            reply.SignName ?? "", "");
    }

    /// <summary>The tenant's replies, oldest first, each with the name of the signature it answered.</summary>
    private IQueryable<Reply> Replies(Guid tenantId, DateTime since) =>
        from m in db.InboundMessages.AsNoTracking()
        where m.TenantId == tenantId && m.ReceivedAt >= since
        orderby m.ReceivedAt, m.Id
        select new Reply(m, db.Signatures.Where(s => s.Id == m.SignatureId).Select(s => s.Name).FirstOrDefault());

    private sealed record Reply(InboundMessage Message, string? SignName);
}
