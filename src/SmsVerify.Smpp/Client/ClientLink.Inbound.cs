using System.Diagnostics;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Client;

internal sealed partial class ClientLink
{
    /// <summary>
    /// One switch from command_id to its handling; runs on the read loop, so it never blocks. The one wait is a
    /// deliver_sm meeting a full deliveries queue: the read loop then stops reading until the application catches up.
    /// </summary>
    private ValueTask OnPdu(Pdu pdu)
    {
        switch (pdu.CommandId)
        {
            case CommandId.SubmitSmResp:
            case CommandId.GenericNack:
                OnSubmitResponse(pdu);
                break;
            case CommandId.DeliverSm:
                // Answered by the application (IncomingDeliverSm.Acknowledge), on this connection.
                var delivery = new IncomingDeliverSm((DeliverSm)pdu, _answerDeliver);
                if (!_client.DeliveryWriter.TryWrite(delivery))
                {
                    return WaitForRoomAsync(delivery);
                }
                break;
            case CommandId.EnquireLink:
                _connection.TrySend(new EnquireLinkResp { SequenceNumber = pdu.SequenceNumber });
                break;
            case CommandId.Unbind:
                // The SMSC ends the session (§4.2): answer, close, and let the client reconnect.
                IsBound = false;
                _sending.Cancel();
                _connection.TrySend(new UnbindResp { SequenceNumber = pdu.SequenceNumber });
                _ = _connection.CloseAfterFlushAsync("unbound by the SMSC", _options.ResponseTimeout);
                break;
            default:
                if (CommandId.IsResponse(pdu.CommandId))
                {
                    OnControlResponse(pdu);
                }
                else
                {
                    // A request an ESME does not serve (e.g. data_sm): §3.3 generic_nack.
                    _connection.TrySend(new GenericNack { CommandStatus = CommandStatus.InvalidCommandId, SequenceNumber = pdu.SequenceNumber });
                }
                break;
        }
        return ValueTask.CompletedTask;
    }

    private async ValueTask WaitForRoomAsync(IncomingDeliverSm delivery)
    {
        try
        {
            await _client.DeliveryWriter.WriteAsync(delivery, _connection.Closed).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            // The link closed, or the client stopped, while waiting: left unanswered, the SMSC delivers it again.
        }
    }

    private void OnSubmitResponse(Pdu response)
    {
        var pending = Unregister(response.SequenceNumber);
        if (pending is not PendingSubmit submit)
        {
            if (pending is not null)
            {
                pending.Complete(response);
            }
            else
            {
                Log.Unexpected(_logger, _options.Host, _options.Port, response.ToString());
            }
            return;
        }
        if (CommandStatus.IsCongestion(response.CommandStatus) && submit.TransientRetries < _options.MaxTransientRetries)
        {
            // ESME_RTHROTTLED / ESME_RMSGQFUL: the SMSC did not take it. Pause the bind and send this one first;
            // both happen before the window slot is freed, so the sending loop cannot slip another in ahead.
            submit.TransientRetries++;
            submit.Written = false;
            Volatile.Write(ref _pausedUntil, Stopwatch.GetTimestamp() + ToTicks(_options.ThrottlePause));
            _pacer.Throttled();
            if (_client.ThrottledLog.ShouldLog(out var held))
            {
                Log.Throttled(_logger, _options.Host, _options.Port, CommandStatus.Name(response.CommandStatus), held);
            }
            _client.Queue.PushFront(submit);
            _window.Release();
            return;
        }
        _window.Release();
        submit.Complete(response);
    }

    private void OnControlResponse(Pdu response)
    {
        if (Unregister(response.SequenceNumber) is { } pending)
        {
            pending.Complete(response);
        }
        else
        {
            Log.Unexpected(_logger, _options.Host, _options.Port, response.ToString());
        }
    }

    /// <summary>
    /// A PDU that did not decode: a request gets generic_nack with the reason (§3.3); a response we cannot read
    /// still answers its request, with the error as its status.
    /// </summary>
    private void OnDecodeError(SmppDecodeException error)
    {
        if (error.Header is { } header && CommandId.IsResponse(header.CommandId))
        {
            if (Unregister(header.SequenceNumber) is { } pending)
            {
                if (pending is PendingSubmit)
                {
                    _window.Release();
                }
                pending.Complete(new GenericNack { CommandStatus = error.CommandStatus, SequenceNumber = header.SequenceNumber });
            }
            return;
        }
        _connection.TrySend(new GenericNack { CommandStatus = error.CommandStatus, SequenceNumber = error.Header?.SequenceNumber ?? 0 });
    }
}
