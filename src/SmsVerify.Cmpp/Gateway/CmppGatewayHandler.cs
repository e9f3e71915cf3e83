using System.Globalization;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Packets;

namespace SmsVerify.Cmpp.Gateway;

/// <summary>
/// What the gateway does with each request. Every method runs on the session's read loop and must not block. The
/// defaults accept every submit and, when asked, report it delivered; override to refuse, hold, flow-control or go
/// silent on cue, as tests do.
/// </summary>
public class CmppGatewayHandler
{
    /// <summary>The response to a submit (its Msg_Id issued by <see cref="CmppGatewaySession.NextMsgId"/>), or null to send none.</summary>
    public virtual SubmitResp? OnSubmit(CmppGatewaySession session, Submit submit) =>
        new() { MsgId = session.NextMsgId().Value, Result = SubmitResult.Ok };

    /// <summary>After the response was queued: sends a DELIVRD report per number when asked for and configured.</summary>
    public virtual void OnSubmitAnswered(CmppGatewaySession session, Submit submit, SubmitResp response)
    {
        if (response.Result != SubmitResult.Ok || submit.RegisteredDelivery != 1 || !session.Options.SendReports)
        {
            return;
        }
        var now = ChinaTime.Now(session.Options.TimeProvider).ToString("yyMMddHHmm", CultureInfo.InvariantCulture);
        foreach (var number in submit.DestTerminalIds)
        {
            session.SendReport(new StatusReport(response.MsgId, ReportStat.Delivered, now, now, number, (uint)session.NextSmscSequence()),
                destId: submit.SrcId);
        }
    }

    /// <summary>False leaves CMPP_ACTIVE_TEST unanswered, to play a dead link.</summary>
    public virtual bool OnActiveTest(CmppGatewaySession session) => true;

    /// <summary>The SP answered a DELIVER (report or MO) the gateway sent.</summary>
    public virtual void OnDeliverResp(CmppGatewaySession session, DeliverResp response) { }

    public virtual QueryResp OnQuery(CmppGatewaySession session, Query query) =>
        new() { Time = query.Time, QueryType = query.QueryType, QueryCode = query.QueryCode };

    /// <summary>By default nothing can be withdrawn: Success_Id 1.</summary>
    public virtual CancelResp OnCancel(CmppGatewaySession session, Cancel cancel) => new() { SuccessId = 1 };

    /// <summary>The SP ended the session with CMPP_TERMINATE.</summary>
    public virtual void OnTerminated(CmppGatewaySession session) { }
}
