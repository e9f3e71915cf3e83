using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Server;

public sealed partial class SmppServerSession
{
    /// <summary>
    /// One switch from command_id to the handler, on the read loop. Only a bind may wait (an account looked up):
    /// until it is answered nothing further is read, so no request can slip in ahead of the bind_resp.
    /// </summary>
    private ValueTask OnPdu(Pdu pdu)
    {
        switch (pdu.CommandId)
        {
            case CommandId.BindTransmitter or CommandId.BindReceiver or CommandId.BindTransceiver:
                return OnBindAsync((Bind)pdu);
            case CommandId.SubmitSm when MayTransmit(pdu):
                OnSubmitSm((SubmitSm)pdu);
                break;
            case CommandId.DataSm when MayTransmit(pdu):
                Answer(pdu, _handler.OnDataSm(this, (DataSm)pdu));
                break;
            case CommandId.QuerySm when MayTransmit(pdu):
                Answer(pdu, _handler.OnQuerySm(this, (QuerySm)pdu));
                break;
            case CommandId.CancelSm when MayTransmit(pdu):
                Answer(pdu, _handler.OnCancelSm(this, (CancelSm)pdu));
                break;
            case CommandId.EnquireLink:
                if (_handler.OnEnquireLink(this))
                {
                    Answer(pdu, new EnquireLinkResp());
                }
                break;
            case CommandId.DeliverSmResp:
                _handler.OnDeliverSmResp(this, (DeliverSmResp)pdu);
                break;
            case CommandId.Unbind:
                Answer(pdu, new UnbindResp());
                MarkUnbound();
                _ = _connection.CloseAfterFlushAsync("unbound by the ESME", TimeSpan.FromSeconds(5));
                break;
            case CommandId.UnbindResp or CommandId.GenericNack:
                OnUnbindAnswered(pdu);
                break;
            case CommandId.SubmitSm or CommandId.DataSm or CommandId.QuerySm or CommandId.CancelSm:
                break; // answered by MayTransmit()
            default:
                if (!CommandId.IsResponse(pdu.CommandId))
                {
                    Answer(pdu, new GenericNack { CommandStatus = CommandStatus.InvalidCommandId });
                }
                break;
        }
        return ValueTask.CompletedTask;
    }

    private void OnSubmitSm(SubmitSm submit)
    {
        if (_handler.OnSubmitSm(this, submit) is { } response)
        {
            Answer(submit, response);
            _handler.OnSubmitSmAnswered(this, submit, response);
        }
    }

    private ValueTask OnBindAsync(Bind bind)
    {
        if (Mode is not null)
        {
            Answer(bind, new BindResp { Mode = bind.Mode, CommandStatus = CommandStatus.AlreadyBound });
            return ValueTask.CompletedTask;
        }
        var status = _handler.OnBindAsync(this, bind);
        if (status.IsCompletedSuccessfully)
        {
            FinishBind(bind, status.Result);
            return ValueTask.CompletedTask;
        }
        return AwaitBindAsync(bind, status);
    }

    private async ValueTask AwaitBindAsync(Bind bind, ValueTask<uint> status) => FinishBind(bind, await status.ConfigureAwait(false));

    private void FinishBind(Bind bind, uint status)
    {
        if (status == CommandStatus.Ok)
        {
            SystemId = bind.SystemId;
            Mode = bind.Mode;
        }
        Answer(bind, new BindResp { Mode = bind.Mode, CommandStatus = status, SystemId = _options.SystemId });
    }

    /// <summary>
    /// Requests an ESME sends to the SMSC need a transmitter or transceiver bind (SMPP v3.4 §2.3, table 2-1); anything
    /// else gets generic_nack with ESME_RINVBNDSTS.
    /// </summary>
    private bool MayTransmit(Pdu request)
    {
        if (Mode is BindMode.Transmitter or BindMode.Transceiver)
        {
            return true;
        }
        Answer(request, new GenericNack { CommandStatus = CommandStatus.IncorrectBindStatus });
        return false;
    }

    private void OnDecodeError(SmppDecodeException error)
    {
        if (error.Header is { } header && CommandId.IsResponse(header.CommandId))
        {
            return; // a broken deliver_sm_resp: nothing to answer
        }
        _connection.TrySend(new GenericNack { CommandStatus = error.CommandStatus, SequenceNumber = error.Header?.SequenceNumber ?? 0 });
    }
}
