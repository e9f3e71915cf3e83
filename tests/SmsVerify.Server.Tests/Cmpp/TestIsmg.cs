using System.Collections.Concurrent;
using System.Globalization;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Gateway;
using SmsVerify.Cmpp.Packets;

namespace SmsVerify.Server.Tests.Cmpp;

/// <summary>
/// The carrier in CMPP tests: a handler on the library's in-process ISMG that records every CMPP_SUBMIT and
/// CMPP_DELIVER_RESP, answers with the Result a test asks for, and sends a status report with the Stat it is told.
/// </summary>
internal sealed class TestIsmg : CmppGatewayHandler
{
    public const string SpId = "901234";
    public const string Secret = "secret";

    private int _submits;

    public ConcurrentQueue<Submit> Submits { get; } = new();
    public ConcurrentQueue<DeliverResp> DeliverResps { get; } = new();

    /// <summary>The Result for the nth CMPP_SUBMIT (from 1); 0 by default.</summary>
    public Func<int, uint> ResultOf { get; set; } = _ => SubmitResult.Ok;

    /// <summary>The Stat of the report sent for each accepted submit that asks for one.</summary>
    public string Stat { get; set; } = ReportStat.Delivered;

    public CmppGatewaySession? Session { get; private set; }

    public override SubmitResp? OnSubmit(CmppGatewaySession session, Submit submit)
    {
        Session = session;
        Submits.Enqueue(submit);
        var result = ResultOf(Interlocked.Increment(ref _submits));
        return result == SubmitResult.Ok ? base.OnSubmit(session, submit) : new SubmitResp { Result = result };
    }

    public override void OnSubmitAnswered(CmppGatewaySession session, Submit submit, SubmitResp response)
    {
        if (response.Result != SubmitResult.Ok || submit.RegisteredDelivery != 1)
        {
            return;
        }
        var now = DateTime.Now.ToString("yyMMddHHmm", CultureInfo.InvariantCulture);
        foreach (var number in submit.DestTerminalIds)
        {
            session.SendReport(new StatusReport(response.MsgId, Stat, now, now, number, (uint)session.NextSmscSequence()), submit.SrcId);
        }
    }

    public override void OnDeliverResp(CmppGatewaySession session, DeliverResp response) => DeliverResps.Enqueue(response);

    /// <summary>A message from a phone, on the link the last submit came on.</summary>
    public void SendMo(string phone, string destId, string text) =>
        Assert.True(Session?.SendMo(phone, destId, text), "no logged-in session to deliver on");
}
