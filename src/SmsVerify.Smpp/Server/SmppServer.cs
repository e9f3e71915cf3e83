using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SmsVerify.Smpp.Server;

/// <summary>
/// A small SMSC-side listener: accepts connections and runs an <see cref="SmppServerSession"/> on each. Good for
/// in-process tests and benchmarks; the rules of a real SMSC live in the <see cref="SmppServerHandler"/>.
/// </summary>
public sealed partial class SmppServer : IAsyncDisposable
{
    private readonly SmppServerOptions _options;
    private readonly SmppServerHandler _handler;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<SmppServerSession, byte> _sessions = new();
    private readonly Socket _listener;
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

    public ICollection<SmppServerSession> Sessions => _sessions.Keys;

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
            var session = new SmppServerSession(socket, _options, _handler, _logger);
            _sessions[session] = 0;
            Log.Accepted(_logger, session.Remote);
            session.Start(); // before watching Completion, which only exists once the loops run
            _ = session.Completion.ContinueWith(_ => _sessions.TryRemove(session, out byte _), TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Close();
        await _accepting.ConfigureAwait(false);
        foreach (var session in _sessions.Keys)
        {
            session.Abort();
        }
        await Task.WhenAll(_sessions.Keys.Select(s => s.Completion)).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Debug, "SMPP server accepted {Remote}")]
        public static partial void Accepted(ILogger logger, string remote);
    }
}
