using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Server;

/// <summary>
/// What the SMSC does with each request. Every method runs on the session's read loop and must not block;
/// the defaults accept any bind and every message. Override to check credentials, store messages, throttle
/// or misbehave on purpose in tests.
/// </summary>
public class SmppServerHandler
{
    private long _nextMessageId;

    /// <summary>Returns ESME_ROK to accept the bind, or an error such as ESME_RINVPASWD.</summary>
    public virtual uint OnBind(SmppServerSession session, Bind bind) => CommandStatus.Ok;

    /// <summary>Returns the response to send, or null to send none (the session stays open).</summary>
    public virtual SubmitSmResp? OnSubmitSm(SmppServerSession session, SubmitSm submit) =>
        new() { MessageId = NextMessageId() };

    /// <summary>Called after the submit_sm_resp was queued: the place to send a delivery receipt from.</summary>
    public virtual void OnSubmitSmAnswered(SmppServerSession session, SubmitSm submit, SubmitSmResp response) { }

    /// <summary>Returns the response to send, or null to send none.</summary>
    public virtual DataSmResp? OnDataSm(SmppServerSession session, DataSm data) => new() { MessageId = NextMessageId() };

    public virtual QuerySmResp? OnQuerySm(SmppServerSession session, QuerySm query) =>
        new() { CommandStatus = CommandStatus.QueryFailed };

    /// <summary>False leaves enquire_link unanswered, to play a dead link.</summary>
    public virtual bool OnEnquireLink(SmppServerSession session) => true;

    /// <summary>The ESME acknowledged a deliver_sm we sent.</summary>
    public virtual void OnDeliverSmResp(SmppServerSession session, DeliverSmResp response) { }

    public virtual void OnUnbound(SmppServerSession session) { }

    /// <summary>Message ids are hexadecimal and increasing per server, like many SMSCs'.</summary>
    protected string NextMessageId() => Interlocked.Increment(ref _nextMessageId).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
}
