using Microsoft.Extensions.Logging;

namespace SmsVerify.Cmpp.Client;

public sealed partial class CmppClient
{
    /// <summary>
    /// Runs each link until it ends, then reconnects with backoff until the client stops. The first link's
    /// <see cref="Connected"/> was raised by ConnectAsync, so a handler added after it returns only hears of reconnects.
    /// </summary>
    private async Task SuperviseAsync(CmppLink? link)
    {
        var attempt = 0;
        var first = true;
        while (true)
        {
            if (link is not null)
            {
                Volatile.Write(ref _link, link);
                if (_stopping.IsCancellationRequested)
                {
                    // TerminateAsync ran while this link was logging in and could not see it.
                    await link.TerminateAsync(CancellationToken.None).ConfigureAwait(false);
                }
                if (!first)
                {
                    Connected?.Invoke();
                }
                first = false;
                var reason = await RunLinkAsync(link).ConfigureAwait(false);
                Volatile.Write(ref _link, null);
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }
                Log.LinkLost(Logger, Options.Host, Options.Port, reason);
                LinkLost?.Invoke(reason);
                link = null;
                attempt = 0;
            }
            try
            {
                await Task.Delay(Options.ReconnectDelay(attempt++), _stopping.Token).ConfigureAwait(false);
                link = await CmppLink.ConnectAsync(this, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Log.ReconnectFailed(Logger, Options.Host, Options.Port, attempt, e.Message);
            }
        }
    }

    private async Task<string> RunLinkAsync(CmppLink link)
    {
        try
        {
            return await link.RunAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The supervisor must not die: without it nothing reconnects and queued messages wait forever.
            Log.LinkFailed(Logger, e);
            return "link failed: " + e.Message;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Warning, "CMPP link to {Host}:{Port} lost: {Reason}")]
        public static partial void LinkLost(ILogger logger, string host, int port, string reason);

        [LoggerMessage(11, LogLevel.Warning, "CMPP reconnect to {Host}:{Port} failed (attempt {Attempt}): {Reason}")]
        public static partial void ReconnectFailed(ILogger logger, string host, int port, int attempt, string reason);

        [LoggerMessage(12, LogLevel.Warning, "CMPP terminate failed")]
        public static partial void TerminateFailed(ILogger logger, Exception exception);

        [LoggerMessage(13, LogLevel.Error, "CMPP link failed unexpectedly")]
        public static partial void LinkFailed(ILogger logger, Exception exception);
    }
}
