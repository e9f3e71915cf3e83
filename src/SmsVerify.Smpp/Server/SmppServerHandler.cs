using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Server;

/// <summary>
/// What the SMSC does with each request. Every method runs on the session's read loop and must not block; the one
/// that may wait is <see cref="OnBindAsync"/>, and a message handler that needs time returns null and answers later
/// with <see cref="SmppServerSession.Reply"/>. The defaults accept any bind and every message. Override to check
/// credentials, store messages, throttle or misbehave on purpose in tests.
/// </summary>
public class SmppServerHandler
{
    private long _nextMessageId;

    /// <summary>Returns ESME_ROK to accept the bind, or an error such as ESME_RINVPASWD.</summary>
    public virtual uint OnBind(SmppServerSession session, Bind bind) => CommandStatus.Ok;

    /// <summary>
    /// The bind, when answering it takes a wait (an account looked up, a pause before refusing a wrong password).
    /// Awaited on the read loop: the session reads nothing more until it returns. Defaults to <see cref="OnBind"/>.
    /// </summary>
    public virtual ValueTask<uint> OnBindAsync(SmppServerSession session, Bind bind) => new(OnBind(session, bind));

    /// <summary>Returns the response to send, or null to send none (the session stays open).</summary>
    public virtual SubmitSmResp? OnSubmitSm(SmppServerSession session, SubmitSm submit) =>
        new() { MessageId = NextMessageId() };

    /// <summary>Called after the submit_sm_resp was queued: the place to send a delivery receipt from.</summary>
    public virtual void OnSubmitSmAnswered(SmppServerSession session, SubmitSm submit, SubmitSmResp response) { }

    /// <summary>Returns the response to send, or null to send none.</summary>
    public virtual DataSmResp? OnDataSm(SmppServerSession session, DataSm data) => new() { MessageId = NextMessageId() };

    public virtual QuerySmResp? OnQuerySm(SmppServerSession session, QuerySm query) =>
        new() { CommandStatus = CommandStatus.QueryFailed };

    /// <summary>
    /// cancel_sm (SMPP v3.4 §4.9): the response to send, or null to send none. By default nothing can be
    /// withdrawn: ESME_RCANCELFAIL.
    /// </summary>
    public virtual CancelSmResp? OnCancelSm(SmppServerSession session, CancelSm cancel) =>
        new() { CommandStatus = CommandStatus.CancelFailed };

    /// <summary>False leaves enquire_link unanswered, to play a dead link.</summary>
    public virtual bool OnEnquireLink(SmppServerSession session) => true;

    /// <summary>The ESME acknowledged a deliver_sm we sent.</summary>
    public virtual void OnDeliverSmResp(SmppServerSession session, DeliverSmResp response) { }

    /// <summary>The session left the bound state by unbind, from either side; not called when the connection just drops.</summary>
    public virtual void OnUnbound(SmppServerSession session) { }

    /// <summary>Message ids are hexadecimal and increasing per server, like many SMSCs'.</summary>
    protected string NextMessageId() => Interlocked.Increment(ref _nextMessageId).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
}
