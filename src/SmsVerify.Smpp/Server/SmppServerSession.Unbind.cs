using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Server;

public sealed partial class SmppServerSession
{
    private TaskCompletionSource? _unbindAnswered;
    private uint _unbindSequence;
    private int _unbound;

    /// <summary>
    /// The SMSC ends the session (SMPP v3.4 §4.2.1), as a draining listener does: sends unbind, waits for the
    /// unbind_resp (or a generic_nack, or the peer closing) at most <paramref name="timeout"/>, then closes after what
    /// is still queued. The handler's OnUnbound runs once, as when the ESME unbinds.
    /// </summary>
    public async Task UnbindAsync(TimeSpan timeout)
    {
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var unbind = new Unbind { SequenceNumber = NextSequence() };
        Volatile.Write(ref _unbindSequence, unbind.SequenceNumber);
        Volatile.Write(ref _unbindAnswered, answered);
        if (_connection.TrySend(unbind))
        {
            await Task.WhenAny(answered.Task, _connection.Completion, Task.Delay(timeout)).ConfigureAwait(false);
        }
        MarkUnbound();
        await _connection.CloseAfterFlushAsync("unbound by the server", TimeSpan.FromSeconds(1)).ConfigureAwait(false);
    }

    private void OnUnbindAnswered(Pdu response)
    {
        if (Volatile.Read(ref _unbindAnswered) is { } answered && response.SequenceNumber == Volatile.Read(ref _unbindSequence))
        {
            answered.TrySetResult();
        }
    }

    private void MarkUnbound()
    {
        if (Mode is not null && Interlocked.Exchange(ref _unbound, 1) == 0)
        {
            Mode = null;
            _handler.OnUnbound(this);
        }
    }
}
