using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SmsVerify.Cmpp.Connection;
using SmsVerify.Cmpp.Packets;

namespace SmsVerify.Cmpp.Client;

internal sealed partial class CmppLink
{
    /// <summary>Takes a window slot, then a message, waits out a flow-control pause and the rate, and writes it.</summary>
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
                if (_pacer.NextDelay() is { Ticks: > 0 } delay)
                {
                    await Task.Delay(delay, token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                if (item is not null)
                {
                    queue.PutBack(item);
                }
                return;
            }
            item.MarkUnwritten();
            Register(item);
            if (!_connection.TrySend(item.Submit, item))
            {
                Unregister(item.Submit.SequenceId);
                queue.PutBack(item);
                return;
            }
        }
    }

    /// <summary>
    /// Sends CMPP_ACTIVE_TEST when nothing has come in for the interval (§6.1) and checks every request's age: one
    /// unanswered for the response timeout means the gateway or the path is gone even if TCP has not noticed.
    /// </summary>
    private async Task KeepAliveLoopAsync()
    {
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(_options.ResponseTimeout.TotalMilliseconds / 4, 10, 1000));
        var token = _connection.Closed;
        var lastTest = Stopwatch.GetTimestamp();
        try
        {
            while (!token.IsCancellationRequested)
            {
                await Task.Delay(tick, token).ConfigureAwait(false);
                var now = Stopwatch.GetTimestamp();
                if (OldestRequest() is { } oldest && now - oldest.SentAt > ToTicks(_options.ResponseTimeout))
                {
                    var reason = $"no response to {oldest.Request} within {_options.ResponseTimeout.TotalSeconds:0.###} s";
                    Log.DeadLink(_logger, _options.Host, _options.Port, reason);
                    _connection.Abort(reason);
                    return;
                }
                var interval = ToTicks(_options.ActiveTestInterval);
                if (now - Volatile.Read(ref _lastReceived) >= interval && now - lastTest >= interval)
                {
                    lastTest = now;
                    var test = new ActiveTest { Version = _options.Version };
                    var pending = new PendingControl(test);
                    Register(pending);
                    _connection.TrySend(test, pending);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private PendingRequest? OldestRequest()
    {
        lock (_inFlight)
        {
            return _inFlight.Values.MinBy(p => p.SentAt);
        }
    }

    /// <summary>
    /// After the connection closed: written and unanswered → unknown outcome (never sent again, it may have been
    /// taken); handed to the connection but never written → back to the front of the client's queue, in order.
    /// </summary>
    private void SettleInFlight()
    {
        List<PendingRequest> left;
        lock (_inFlight)
        {
            left = [.. _inFlight.Values.OrderByDescending(p => p.Request.SequenceId)];
            _inFlight.Clear();
        }
        var reason = _connection.CloseReason;
        foreach (var pending in left)
        {
            switch (pending)
            {
                case PendingSubmit { Written: false } submit:
                    _client.Queue.PutBack(submit);
                    break;
                case PendingSubmit:
                    pending.Fail(new CmppUnknownOutcomeException($"the link dropped before the answer ({reason})"));
                    break;
                default:
                    pending.Fail(new IOException($"connection closed: {reason}"));
                    break;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Information, "CMPP logged in to {Host}:{Port} as {SourceAddr} (version 0x{Version:X2})")]
        public static partial void LoggedIn(ILogger logger, string host, int port, string sourceAddr, byte version);

        [LoggerMessage(21, LogLevel.Warning, "CMPP link to {Host}:{Port} is dead: {Reason}")]
        public static partial void DeadLink(ILogger logger, string host, int port, string reason);

        [LoggerMessage(22, LogLevel.Information, "CMPP terminate to {Host}:{Port} got no answer; closing anyway")]
        public static partial void TerminateUnanswered(ILogger logger, string host, int port);

        [LoggerMessage(23, LogLevel.Warning, "CMPP {Host}:{Port}: flow control (Result 8); slowing the link to {Rate:0.#}/s and sending again")]
        public static partial void FlowControl(ILogger logger, string host, int port, double rate);

        [LoggerMessage(24, LogLevel.Warning, "CMPP {Host}:{Port}: unexpected {Packet}")]
        public static partial void Unexpected(ILogger logger, string host, int port, string packet);

        [LoggerMessage(25, LogLevel.Warning, "CMPP {Host}:{Port}: AuthenticatorISMG does not match; accepted as configured")]
        public static partial void IsmgAuthenticatorMismatch(ILogger logger, string host, int port);

        [LoggerMessage(26, LogLevel.Warning, "CMPP {Host}:{Port}: the gateway answered in another version (its highest: 0x{Version:X2})")]
        public static partial void VersionDiffers(ILogger logger, string host, int port, byte version);
    }
}
