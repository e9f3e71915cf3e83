using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Connection;

namespace SmsVerify.Cmpp.Gateway;

/// <summary>
/// An in-process ISMG for tests and benchmarks: accepts SP logins with the configured secrets, answers submits with
/// Msg_Ids, sends status reports, and lets a test inject MO messages (<see cref="CmppGatewaySession.SendMo"/>) or
/// flow control (a <see cref="CmppGatewayHandler"/> answering Result 8). One peer failing never stops the accept loop.
/// </summary>
public sealed partial class CmppGateway : IAsyncDisposable
{
    private readonly ConcurrentDictionary<CmppGatewaySession, byte> _sessions = new();
    private readonly Socket _listener;
    private readonly ILogger _logger;
    private int _msgSequence;
    private int _smscSequence;
    private Task _accepting = Task.CompletedTask;

    public CmppGateway(CmppGatewayOptions? options = null, CmppGatewayHandler? handler = null, ILogger<CmppGateway>? logger = null)
    {
        Options = options ?? new CmppGatewayOptions();
        Handler = handler ?? new CmppGatewayHandler();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _listener = new Socket(Options.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
    }

    public CmppGatewayOptions Options { get; }
    internal CmppGatewayHandler Handler { get; }
    internal ILogger Logger => _logger;

    /// <summary>The bound address, with the real port when 0 was asked for.</summary>
    public IPEndPoint EndPoint => (IPEndPoint)(_listener.LocalEndPoint ?? Options.EndPoint);

    /// <summary>Every live connection, logged in or not yet.</summary>
    public ICollection<CmppGatewaySession> Sessions => _sessions.Keys;

    public CmppGateway Start()
    {
        _listener.Bind(Options.EndPoint);
        _listener.Listen(128);
        _accepting = Task.Run(AcceptLoopAsync);
        return this;
    }

    /// <summary>A Msg_Id from this gateway's code, the clock and a 16-bit sequence that wraps.</summary>
    internal MsgId NextMsgId() =>
        MsgId.Create(ChinaTime.Now(Options.TimeProvider), Options.GatewayCode, Interlocked.Increment(ref _msgSequence) & 0xFFFF);

    internal int NextSmscSequence() => Interlocked.Increment(ref _smscSequence);

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
            var session = new CmppGatewaySession(this, new CmppConnection(socket, Options.MaxPacketLength, _logger));
            _sessions[session] = 0;
            Log.Accepted(_logger, session.Remote);
            session.Start();
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
        [LoggerMessage(40, LogLevel.Debug, "CMPP gateway accepted {Remote}")]
        public static partial void Accepted(ILogger logger, string remote);
    }
}
