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

/// <summary>
/// <c>PullSmsReplyStatus</c>: the replies from phones to the tenant not pulled yet, each returned once, claimed in
/// the limits store as <see cref="TencentSendStatus"/> claims its reports (no column, shared by all nodes).
/// </summary>
internal sealed class TencentReplyStatus(AppDbContext db, ILimitStore limits, TimeProvider clock)
{
    private const int Page = 200;

    public async Task<JsonObject> PullAsync(TencentCall call, CancellationToken cancellationToken)
    {
        TencentSendStatus.CheckApp(call);
        var limit = (int)(call.Parameters.Integer("Limit", 1, TencentSendStatus.MaxLimit)
            ?? throw new TencentException(TencentCodes.MissingParameter, $"Limit is required (1 to {TencentSendStatus.MaxLimit})."));
        var now = clock.GetUtcNow();
        var since = now.UtcDateTime - TencentSendStatus.Lookback;
        var pulled = new List<PulledReply>(limit);
        for (var scanned = 0; pulled.Count < limit && scanned < TencentSendStatus.MaxScan; scanned += Page)
        {
            var page = await Replies(call.Caller.TenantId, since).Skip(scanned).Take(Page).ToListAsync(cancellationToken);
            foreach (var reply in page)
            {
                if (pulled.Count < limit
                    && await limits.TryClaimAsync($"tencent-reply-pulled:{call.Caller.TenantId:N}:{reply.Message.Id:N}", 2 * TencentSendStatus.Lookback, now, cancellationToken))
                {
                    var (country, number) = CallbackEvents.Split(reply.Message.From);
                    pulled.Add(new PulledReply(call.Caller.AppId ?? "", reply.Message.Text, CallbackEvents.UnixSeconds(reply.Message.ReceivedAt), country, number,
                        reply.Message.From, reply.SignName ?? "", ""));
                }
            }
            if (page.Count < Page)
            {
                break;
            }
        }
        return TencentApi.ToNode(new { PullSmsReplyStatusSet = pulled });
    }

    /// <summary>The tenant's replies, oldest first, each with the name of the signature it answered.</summary>
    private IQueryable<Reply> Replies(Guid tenantId, DateTime since) =>
        from m in db.InboundMessages.AsNoTracking()
        where m.TenantId == tenantId && m.ReceivedAt >= since
        orderby m.ReceivedAt, m.Id
        select new Reply(m, db.Signatures.Where(s => s.Id == m.SignatureId).Select(s => s.Name).FirstOrDefault());

    private sealed record Reply(InboundMessage Message, string? SignName);
}
