using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmsVerify.Smpp.Connection;

namespace SmsVerify.Smpp.Server;

/// <summary>
/// An SMSC-side listener: accepts connections (plain or TLS, <see cref="SmppServerOptions.Certificate"/>) and runs an
/// <see cref="SmppServerSession"/> on each. The rules of the SMSC (credentials, limits, storage) live in the
/// <see cref="SmppServerHandler"/>; one peer failing, in TLS or in SMPP, never stops the accept loop.
/// </summary>
public sealed partial class SmppServer : IAsyncDisposable
{
    private readonly SmppServerOptions _options;
    private readonly SmppServerHandler _handler;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<SmppServerSession, byte> _sessions = new();
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private Task _accepting = Task.CompletedTask;

    public SmppServer(SmppServerOptions? options = null, SmppServerHandler? handler = null, ILogger<SmppServer>? logger = null)
    {
        _options = options ?? new SmppServerOptions();
        _handler = handler ?? new SmppServerHandler();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _listener = new Socket(_options.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
    }

    /// <summary>The bound address, with the real port when 0 was asked for.</summary>
    public IPEndPoint EndPoint => (IPEndPoint)(_listener.LocalEndPoint ?? _options.EndPoint);

    /// <summary>Every live connection, bound or not yet.</summary>
    public ICollection<SmppServerSession> Sessions => _sessions.Keys;

    /// <summary>
    /// Sessions bound with <paramref name="systemId"/> right now, for a per-account bind limit. Called from OnBind it
    /// does not count the session asking; two binds answered at the same moment can both see the old count, so a
    /// handler that must be exact serialises its binds per system_id.
    /// </summary>
    public int CountBound(string systemId) =>
        _sessions.Keys.Count(s => s.IsBound && string.Equals(s.SystemId, systemId, StringComparison.Ordinal));

    public SmppServer Start()
    {
        _listener.Bind(_options.EndPoint);
        _listener.Listen(128);
        _accepting = Task.Run(AcceptLoopAsync);
        return this;
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            if (_sessions.Count + _handshakes.Count >= _options.MaxConnections)
            {
                Log.TooManyConnections(_logger, socket.RemoteEndPoint?.ToString() ?? "?", _options.MaxConnections);
                socket.Close();
                continue;
            }
            if (_options.Certificate is null)
            {
                Run(new SmppConnection(socket, _options.MaxPduLength, _logger));
            }
            else
            {
                // Off the accept loop: a slow handshake must not keep the next peer waiting.
                Track(Task.Run(() => AcceptTlsAsync(socket)));
            }
        }
    }

    private void Run(SmppConnection connection)
    {
        var session = new SmppServerSession(connection, _options, _handler);
        _sessions[session] = 0;
        Log.Accepted(_logger, session.Remote);
        session.Start(); // before watching Completion, which only exists once the loops run
        _ = session.Completion.ContinueWith(_ => _sessions.TryRemove(session, out byte _), TaskScheduler.Default);
        if (_options.BindTimeout is { } timeout)
        {
            _ = CloseIfNeverBoundAsync(session, timeout);
        }
    }

    private async Task CloseIfNeverBoundAsync(SmppServerSession session, TimeSpan timeout)
    {
        try
        {
            await Task.WhenAny(session.Completion, Task.Delay(timeout, _stopping.Token)).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return; // the server is gone, and the session with it
        }
        // SystemId is set by a successful bind and kept after unbind: only a session that never bound is closed here.
        if (!session.Completion.IsCompleted && session.SystemId is null)
        {
            Log.NeverBound(_logger, session.Remote, timeout);
            session.Close("no bind in time");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _listener.Close();
        await _accepting.ConfigureAwait(false);
        await Task.WhenAll(_handshakes.Keys).ConfigureAwait(false);
        foreach (var session in _sessions.Keys)
        {
            session.Abort();
        }
        await Task.WhenAll(_sessions.Keys.Select(s => s.Completion)).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Debug, "SMPP server accepted {Remote}")]
        public static partial void Accepted(ILogger logger, string remote);

        [LoggerMessage(31, LogLevel.Debug, "SMPP server: TLS handshake with {Remote} failed: {Reason}")]
        public static partial void HandshakeFailed(ILogger logger, string remote, string reason);

        [LoggerMessage(32, LogLevel.Information, "SMPP server closed {Remote}: no bind within {Timeout}")]
        public static partial void NeverBound(ILogger logger, string remote, TimeSpan timeout);

        [LoggerMessage(33, LogLevel.Warning, "SMPP server refused {Remote}: {Max} connections are open")]
        public static partial void TooManyConnections(ILogger logger, string remote, int max);
    }
}
