using System.Diagnostics;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Connection;
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
        var pending = Unregister(response.SequenceId);
        if (pending is not PendingSubmit submit)
        {
            Mismatched(pending, response);
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
        if (pending is not null && response.CommandId == (pending.Request.CommandId | 0x80000000))
        {
            pending.Complete(response);
        }
        else
        {
            Mismatched(pending, response);
        }
    }

    /// <summary>A response to nothing asked, or of the wrong kind for the request with its Sequence_Id: that request fails.</summary>
    private void Mismatched(PendingRequest? pending, Packet response)
    {
        Log.Unexpected(_logger, _options.Host, _options.Port, response.ToString());
        if (pending is not null)
        {
            Fail(pending, $"{response} answered {pending.Request}");
        }
    }

    /// <summary>
    /// Fails a request that got no usable answer. A submit frees its window slot and ends as unknown outcome: the ISMG
    /// may have taken it.
    /// </summary>
    private void Fail(PendingRequest pending, string reason)
    {
        if (pending is PendingSubmit)
        {
            _window.Release();
            pending.Fail(new CmppUnknownOutcomeException(reason));
        }
        else
        {
            pending.Fail(new IOException(reason));
        }
    }

    /// <summary>
    /// A packet that did not decode. A response we cannot read fails its request (a submit as unknown outcome); a
    /// DELIVER we cannot read is answered with Result 1 (message structure error), so the ISMG does not resend it forever.
    /// </summary>
    private void OnDecodeError(CmppDecodeException error)
    {
        if (error.Header is not { } header)
        {
            return;
        }
        if (CommandId.IsResponse(header.CommandId))
        {
            if (Unregister(header.SequenceId) is { } pending)
            {
                Fail(pending, $"unreadable {CommandId.Name(header.CommandId)}: {error.Message}");
            }
        }
        else if (header.CommandId == CommandId.Deliver)
        {
            _connection.TrySend(new DeliverResp { Version = _options.Version, SequenceId = header.SequenceId, Result = SubmitResult.InvalidStructure });
        }
    }
}
