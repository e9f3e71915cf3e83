using System.Diagnostics;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Packets;

namespace SmsVerify.Cmpp.Client;

internal sealed partial class CmppLink
{
    /// <summary>
    /// One switch from Command_Id to its handling, on the read loop, so it never blocks. The one wait is a DELIVER
    /// meeting a full deliveries queue: the read loop then stops reading until the application catches up.
    /// </summary>
    private ValueTask OnPacket(Packet packet)
    {
        Volatile.Write(ref _lastReceived, Stopwatch.GetTimestamp());
        switch (packet)
        {
            case SubmitResp response:
                OnSubmitResp(response);
                break;
            case Deliver deliver:
                var delivery = new IncomingDeliver(deliver, _answerDeliver);
                if (!_client.DeliveryWriter.TryWrite(delivery))
                {
                    return WaitForRoomAsync(delivery);
                }
                break;
            case ActiveTest:
                _connection.TrySend(new ActiveTestResp { Version = _options.Version, SequenceId = packet.SequenceId });
                break;
            case Terminate:
                // The ISMG ends the session (§7.4.2): answer, close, and let the client reconnect.
                IsLoggedIn = false;
                _sending.Cancel();
                _connection.TrySend(new TerminateResp { Version = _options.Version, SequenceId = packet.SequenceId });
                _ = _connection.CloseAfterFlushAsync("terminated by the ISMG", _options.ResponseTimeout);
                break;
            default:
                OnControlResponse(packet);
                break;
        }
        return ValueTask.CompletedTask;
    }

    private async ValueTask WaitForRoomAsync(IncomingDeliver delivery)
    {
        try
        {
            await _client.DeliveryWriter.WriteAsync(delivery, _connection.Closed).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            // The link closed, or the client stopped, while waiting: left unanswered, the ISMG delivers it again.
        }
    }

    private void OnSubmitResp(SubmitResp response)
    {
        if (Unregister(response.SequenceId) is not PendingSubmit submit)
        {
            Log.Unexpected(_logger, _options.Host, _options.Port, response.ToString());
            return;
        }
        if (SubmitResult.IsTransient(response.Result) && submit.FlowControlRetries < _options.MaxFlowControlRetries)
        {
            // Result 8: the ISMG did not take it. Pause and slow the link, and send this one first; both happen
            // before the window slot is freed, so the sending loop cannot slip another message in ahead.
            submit.FlowControlRetries++;
            Volatile.Write(ref _pausedUntil, Stopwatch.GetTimestamp() + ToTicks(_options.FlowControlPause));
            _pacer.SlowDown();
            Log.FlowControl(_logger, _options.Host, _options.Port, _pacer.Rate);
            _client.Queue.PutBack(submit);
            _window.Release();
            return;
        }
        _window.Release();
        submit.Complete(response);
    }

    private void OnControlResponse(Packet response)
    {
        var pending = CommandId.IsResponse(response.CommandId) ? Unregister(response.SequenceId) : null;
        if (pending is null)
        {
            Log.Unexpected(_logger, _options.Host, _options.Port, response.ToString());
        }
        else if (response.CommandId == (pending.Request.CommandId | 0x80000000))
        {
            pending.Complete(response);
        }
        else
        {
            pending.Fail(new IOException($"{response} answered {pending.Request}"));
        }
    }

    /// <summary>
    /// A packet that did not decode. A SUBMIT_RESP we cannot read settles its submit as unknown outcome (the ISMG may
    /// have taken it), another response fails its request; a DELIVER we cannot read is answered with Result 1
    /// (message structure error), so the ISMG does not resend it forever.
    /// </summary>
    private void OnDecodeError(CmppDecodeException error)
    {
        if (error.Header is not { } header)
        {
            return;
        }
        if (header.CommandId == CommandId.SubmitResp && Unregister(header.SequenceId) is PendingSubmit submit)
        {
            _window.Release();
            submit.Fail(new CmppUnknownOutcomeException($"unreadable CMPP_SUBMIT_RESP: {error.Message}"));
        }
        else if (CommandId.IsResponse(header.CommandId))
        {
            Unregister(header.SequenceId)?.Fail(new IOException($"unreadable response: {error.Message}"));
        }
        else if (header.CommandId == CommandId.Deliver)
        {
            _connection.TrySend(new DeliverResp { Version = _options.Version, SequenceId = header.SequenceId, Result = SubmitResult.InvalidStructure });
        }
    }
}
