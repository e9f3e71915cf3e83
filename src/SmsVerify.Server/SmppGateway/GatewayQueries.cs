using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Server;

namespace SmsVerify.Server.SmppGateway;

/// <summary>
/// query_sm (SMPP v3.4 §4.8) answered from the message log, and cancel_sm (§4.9) withdrawing a message that still
/// waits in the queue; both only for the bound account's tenant's messages, by the id submit_sm_resp gave.
/// </summary>
internal sealed partial class GatewayQueries(IServiceScopeFactory scopes, MessageOutcomes outcomes, ILogger<GatewayQueries> logger)
{
    public async Task QueryAsync(SmppServerSession session, GatewayBind bind, QuerySm query)
    {
        try
        {
            session.Reply(query, await AnswerAsync(bind, query.MessageId));
        }
        catch (Exception e)
        {
            Log.Failed(logger, "query_sm", bind.Account.SystemId, e);
            session.Reply(query, new QuerySmResp { CommandStatus = CommandStatus.SystemError });
        }
    }

    public async Task CancelAsync(SmppServerSession session, GatewayBind bind, CancelSm cancel)
    {
        try
        {
            var cancelled = Guid.TryParse(cancel.MessageId, out var id) && await outcomes.CancelQueuedAsync(bind.Account.TenantId, id);
            session.Reply(cancel, new CancelSmResp { CommandStatus = cancelled ? CommandStatus.Ok : CommandStatus.CancelFailed });
        }
        catch (Exception e)
        {
            Log.Failed(logger, "cancel_sm", bind.Account.SystemId, e);
            session.Reply(cancel, new CancelSmResp { CommandStatus = CommandStatus.SystemError });
        }
    }

    private async Task<QuerySmResp> AnswerAsync(GatewayBind bind, string messageId)
    {
        if (!Guid.TryParse(messageId, out var id))
        {
            return new QuerySmResp { CommandStatus = CommandStatus.InvalidMessageId };
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var message = await db.Messages.AsNoTracking().Where(m => m.Id == id && m.TenantId == bind.Account.TenantId)
            .Select(m => new { m.Status, m.ErrorCode, m.DoneAt }).FirstOrDefaultAsync();
        if (message is null)
        {
            return new QuerySmResp { CommandStatus = CommandStatus.InvalidMessageId };
        }
        return new QuerySmResp
        {
            MessageId = messageId,
            FinalDate = message.DoneAt is { } done ? AbsoluteTime(done) : "",
            MessageState = StateOf(message.Status, message.ErrorCode),
        };
    }

    /// <summary>§5.2.28 message_state of a message in the log.</summary>
    internal static MessageState StateOf(MessageStatus status, string? errorCode) => status switch
    {
        MessageStatus.Delivered => MessageState.Delivered,
        MessageStatus.Expired => MessageState.Expired,
        MessageStatus.Failed when errorCode == MessageOutcomes.CancelledError => MessageState.Deleted,
        MessageStatus.Failed => MessageState.Undeliverable,
        _ => MessageState.Enroute,
    };

    /// <summary>§7.1.1 absolute time <c>YYMMDDhhmmsstnnp</c>, in UTC (offset 00, '+').</summary>
    internal static string AbsoluteTime(DateTime utc) => utc.ToString("yyMMddHHmmss", CultureInfo.InvariantCulture) + "000+";

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Error, "{Command} from SMPP account {SystemId} failed; answered ESME_RSYSERR")]
        public static partial void Failed(ILogger logger, string command, string systemId, Exception exception);
    }
}
