using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Server;
using SmsVerify.Smpp.Text;

namespace SmsVerify.Server.SmppGateway;

/// <summary>
/// The SMSC side SmsVerify plays for tenants' gateways: binds are checked against SMPP accounts (<see cref="GatewayBinds"/>),
/// submits go through the one send pipeline (<see cref="GatewaySubmits"/>), query_sm and cancel_sm read and change the
/// message log (<see cref="GatewayQueries"/>), and deliver_sm_resp settles what <see cref="GatewayDispatcher"/> sent.
/// Everything that waits on a store runs off the read loop and answers with <see cref="SmppServerSession.Reply"/>.
/// </summary>
internal sealed class GatewayHandler(GatewayBinds binds, GatewaySubmits submits, GatewayQueries queries, AccountRates rates, GatewayDispatcher dispatcher)
    : SmppServerHandler
{
    public override ValueTask<uint> OnBindAsync(SmppServerSession session, Bind bind) => binds.BindAsync(session, bind);

    public override SubmitSmResp? OnSubmitSm(SmppServerSession session, SubmitSm submit)
    {
        if (Admit(session, out var bind) is not CommandStatus.Ok and var refused)
        {
            return new SubmitSmResp { CommandStatus = refused };
        }
        var incoming = new IncomingText(ShortMessageText.Read(submit), submit.SourceAddr, submit.DestinationAddr, submit.DestAddrTon, submit.RegisteredDelivery);
        _ = AnswerAsync(session, bind, submit, incoming, (status, id) => new SubmitSmResp { CommandStatus = status, MessageId = id ?? "" });
        return null;
    }

    public override DataSmResp? OnDataSm(SmppServerSession session, DataSm data)
    {
        if (Admit(session, out var bind) is not CommandStatus.Ok and var refused)
        {
            return new DataSmResp { CommandStatus = refused };
        }
        var incoming = new IncomingText(ShortMessageText.Read(data), data.SourceAddr, data.DestinationAddr, data.DestAddrTon, data.RegisteredDelivery);
        _ = AnswerAsync(session, bind, data, incoming, (status, id) => new DataSmResp { CommandStatus = status, MessageId = id ?? "" });
        return null;
    }

    public override QuerySmResp? OnQuerySm(SmppServerSession session, QuerySm query)
    {
        if (session.State is not GatewayBind bind || !bind.Transmits)
        {
            return new QuerySmResp { CommandStatus = CommandStatus.IncorrectBindStatus };
        }
        _ = queries.QueryAsync(session, bind, query);
        return null;
    }

    public override CancelSmResp? OnCancelSm(SmppServerSession session, CancelSm cancel)
    {
        if (session.State is not GatewayBind bind || !bind.Transmits)
        {
            return new CancelSmResp { CommandStatus = CommandStatus.IncorrectBindStatus };
        }
        _ = queries.CancelAsync(session, bind, cancel);
        return null;
    }

    public override void OnDeliverSmResp(SmppServerSession session, DeliverSmResp response) => dispatcher.Answered(session, response);

    public override void OnUnbound(SmppServerSession session) => dispatcher.Released(session);

    /// <summary>OK with the bind when it may submit now: a transmitter or transceiver, with room in its window, under its rate.</summary>
    private uint Admit(SmppServerSession session, out GatewayBind admitted)
    {
        admitted = null!;
        if (session.State is not GatewayBind { Transmits: true } bind)
        {
            return CommandStatus.IncorrectBindStatus;
        }
        if (Interlocked.Increment(ref bind.InFlight) > bind.Account.Window)
        {
            Interlocked.Decrement(ref bind.InFlight);
            return CommandStatus.MessageQueueFull;
        }
        if (!rates.TryTake(bind.Account.Id, bind.Account.MessagesPerSecond))
        {
            Interlocked.Decrement(ref bind.InFlight);
            return CommandStatus.Throttled;
        }
        admitted = bind;
        return CommandStatus.Ok;
    }

    private async Task AnswerAsync(SmppServerSession session, GatewayBind bind, Pdu request, IncomingText incoming, Func<uint, string?, Pdu> response)
    {
        try
        {
            var (status, id) = await submits.SubmitAsync(bind, incoming);
            session.Reply(request, response(status, id));
        }
        catch (Exception e)
        {
            submits.Failed(bind, e);
            session.Reply(request, response(CommandStatus.SystemError, null));
        }
        finally
        {
            Interlocked.Decrement(ref bind.InFlight);
        }
    }
}

/// <summary>A submit_sm or data_sm as the listener reads it: the text (null when it is not text), addresses, receipt request.</summary>
internal sealed record IncomingText(MessageText? Text, string SourceAddr, string DestinationAddr, byte DestinationTon, byte RegisteredDelivery);
