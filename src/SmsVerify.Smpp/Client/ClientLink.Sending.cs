using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Client;

internal sealed partial class ClientLink
{
    /// <summary>Takes a window slot, then a message, waits out a throttle pause and the rate, and writes it.</summary>
    private async Task SendLoopAsync()
    {
        var token = _sending.Token;
        var queue = _client.Queue;
        while (!token.IsCancellationRequested)
        {
            PendingSubmit? item = null;
            try
            {
                await _window.WaitAsync(token).ConfigureAwait(false);
                item = await queue.TakeAsync(token).ConfigureAwait(false);
                var paused = Volatile.Read(ref _pausedUntil) - Stopwatch.GetTimestamp();
                if (paused > 0)
                {
                    await Task.Delay(Stopwatch.GetElapsedTime(0, paused), token).ConfigureAwait(false);
                }
                await _pacer.WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                if (item is not null)
                {
                    queue.PushFront(item);
                }
                return;
            }
            if (item.Result.IsCompleted)
            {
                _window.Release();
                continue;
            }
            item.Written = false;
            Register(item);
            if (!_connection.TrySend(item.Submit, item))
            {
                Unregister(item.Submit.SequenceNumber);
                queue.PushFront(item);
                return;
            }
        }
    }

    /// <summary>
    /// Sends enquire_link every interval and checks every request's age: one unanswered for the response timeout
    /// means the peer or the path is gone even if TCP has not noticed, so the link is closed and rebuilt.
    /// </summary>
    private async Task KeepAliveLoopAsync()
    {
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(_options.ResponseTimeout.TotalMilliseconds / 4, 10, 1000));
        var nextEnquire = Stopwatch.GetTimestamp() + ToTicks(_options.EnquireLinkInterval);
        var timeoutTicks = ToTicks(_options.ResponseTimeout);
        var token = _connection.Closed;
        try
        {
            while (!token.IsCancellationRequested)
            {
                await Task.Delay(tick, token).ConfigureAwait(false);
                var now = Stopwatch.GetTimestamp();
                if (OldestRequest() is { } oldest && now - oldest.SentAt > timeoutTicks)
                {
                    var reason = $"no response to {oldest.Request} within {_options.ResponseTimeout.TotalSeconds:0.###} s";
                    Log.DeadLink(_logger, _options.Host, _options.Port, reason);
                    _connection.Abort(reason);
                    return;
                }
                if (now >= nextEnquire)
                {
                    nextEnquire = now + ToTicks(_options.EnquireLinkInterval);
                    var enquire = new EnquireLink();
                    var pending = new Connection.PendingControl(enquire);
                    Register(pending);
                    _connection.TrySend(enquire, pending);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private Connection.PendingRequest? OldestRequest()
    {
        lock (_inFlight)
        {
            Connection.PendingRequest? oldest = null;
            foreach (var pending in _inFlight.Values)
            {
                if (oldest is null || pending.SentAt < oldest.SentAt)
                {
                    oldest = pending;
                }
            }
            return oldest;
        }
    }

    /// <summary>
    /// After the connection closed: written and unanswered → unknown outcome (never resubmitted, it may have been
    /// accepted); queued for writing but never written → back to the front of the client's queue, in order.
    /// </summary>
    private void SettleInFlight()
    {
        List<Connection.PendingRequest> left;
        lock (_inFlight)
        {
            left = [.. _inFlight.Values];
            _inFlight.Clear();
        }
        left.Sort(static (a, b) => b.Request.SequenceNumber.CompareTo(a.Request.SequenceNumber));
        var reason = _connection.CloseReason;
        foreach (var pending in left)
        {
            if (pending is PendingSubmit submit && !pending.Written)
            {
                _client.Queue.PushFront(submit);
            }
            else if (pending is PendingSubmit)
            {
                pending.Fail(new SmppUnknownOutcomeException(reason));
            }
            else
            {
                pending.Fail(new IOException($"connection closed: {reason}"));
            }
        }
    }

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Information, "SMPP bound to {Host}:{Port} as {SystemId} ({Mode})")]
        public static partial void Bound(ILogger logger, string host, int port, string systemId, BindMode mode);

        [LoggerMessage(21, LogLevel.Warning, "SMPP link to {Host}:{Port} is dead: {Reason}")]
        public static partial void DeadLink(ILogger logger, string host, int port, string reason);

        [LoggerMessage(22, LogLevel.Information, "SMPP unbind to {Host}:{Port} got no answer; closing anyway")]
        public static partial void UnbindUnanswered(ILogger logger, string host, int port);

        [LoggerMessage(23, LogLevel.Warning, "SMPP {Host}:{Port}: {Status} for submit_sm, pausing the bind and sending it again first ({Held} more times since the last such line)")]
        public static partial void Throttled(ILogger logger, string host, int port, string status, long held);

        [LoggerMessage(24, LogLevel.Warning, "SMPP {Host}:{Port}: unexpected {Pdu}")]
        public static partial void Unexpected(ILogger logger, string host, int port, string pdu);
    }
}
