using System.Collections.Concurrent;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Server;

namespace SmsVerify.Server.Tests.Channels;

/// <summary>
/// The carrier in channel tests: a handler on the library's in-process SMSC that records every submit_sm and
/// deliver_sm_resp, answers with the status a test asks for, and can drop the link instead of answering.
/// </summary>
internal sealed class CarrierSmsc : SmppServerHandler
{
    public const string SystemId = "smsverify";
    public const string Password = "secret";

    private int _submits;
    private int _enquireLinks;
    private int _binds;

    public ConcurrentQueue<SubmitSm> Submits { get; } = new();
    public ConcurrentQueue<uint> DeliverSmResps { get; } = new();
    public ConcurrentDictionary<SmppServerSession, int> SubmitsPerSession { get; } = new();
    public int EnquireLinks => Volatile.Read(ref _enquireLinks);

    /// <summary>The status for the nth submit_sm (from 1); ESME_ROK by default.</summary>
    public Func<int, uint> StatusOf { get; set; } = _ => CommandStatus.Ok;

    /// <summary>Drop the connection instead of answering the nth submit_sm.</summary>
    public Func<int, bool> DropAt { get; set; } = _ => false;

    /// <summary>A PDU to answer the nth submit_sm with instead of a submit_sm_resp (a generic_nack, a malformed response); null for the usual answer.</summary>
    public Func<int, SubmitSm, Pdu?> AnswerWith { get; set; } = (_, _) => null;

    /// <summary>While set, every bind is refused with ESME_RBINDFAIL.</summary>
    public bool RefuseBinds { get; set; }

    public int Binds => Volatile.Read(ref _binds);

    public SmppServerSession? Session { get; private set; }

    public override uint OnBind(SmppServerSession session, Bind bind)
    {
        if (bind.SystemId != SystemId || bind.Password != Password)
        {
            return CommandStatus.InvalidPassword;
        }
        if (RefuseBinds)
        {
            return CommandStatus.BindFailed;
        }
        Interlocked.Increment(ref _binds);
        Session = session;
        return CommandStatus.Ok;
    }

    public override SubmitSmResp? OnSubmitSm(SmppServerSession session, SubmitSm submit)
    {
        var n = Interlocked.Increment(ref _submits);
        Submits.Enqueue(submit);
        SubmitsPerSession.AddOrUpdate(session, 1, (_, count) => count + 1);
        if (DropAt(n))
        {
            session.Abort();
            return null;
        }
        if (AnswerWith(n, submit) is { } answer)
        {
            session.Send(answer);
            return null;
        }
        var status = StatusOf(n);
        return status == CommandStatus.Ok ? new SubmitSmResp { MessageId = NextMessageId() } : new SubmitSmResp { CommandStatus = status };
    }

    public override bool OnEnquireLink(SmppServerSession session)
    {
        Interlocked.Increment(ref _enquireLinks);
        return true;
    }

    public override void OnDeliverSmResp(SmppServerSession session, DeliverSmResp response) => DeliverSmResps.Enqueue(response.CommandStatus);

    /// <summary>Sends a deliver_sm on the current bind.</summary>
    public void Deliver(DeliverSm pdu) => Assert.True(Session?.Send(pdu), "no bound session to deliver on");
}
