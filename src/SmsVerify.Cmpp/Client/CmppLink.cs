using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SmsVerify.Cmpp.Connection;
using SmsVerify.Cmpp.Packets;

namespace SmsVerify.Cmpp.Client;

/// <summary>
/// One logged-in connection of a <see cref="CmppClient"/>: sends queued submits within the window and the rate,
/// matches responses by Sequence_Id, sends CMPP_ACTIVE_TEST and declares the link dead when any request goes
/// unanswered for the response timeout. When it ends, what was written and unanswered fails as unknown outcome and
/// what was never written goes back to the front of the client's queue.
/// </summary>
internal sealed partial class CmppLink
{
    private readonly CmppClient _client;
    private readonly CmppClientOptions _options;
    private readonly ILogger _logger;
    private readonly CmppConnection _connection;
    private readonly Dictionary<uint, PendingRequest> _inFlight = [];
    private readonly SemaphoreSlim _window;
    private readonly CancellationTokenSource _sending = new();
    private readonly LinkPacer _pacer;
    private readonly Func<DeliverResp, bool> _answerDeliver;
    private uint _sequence;
    private long _pausedUntil;
    private long _lastReceived = Stopwatch.GetTimestamp();
    private Task? _terminate;

    private CmppLink(CmppClient client, CmppConnection connection)
    {
        _client = client;
        _options = client.Options;
        _logger = client.Logger;
        _connection = connection;
        _window = new SemaphoreSlim(_options.Window);
        _pacer = new LinkPacer(_options.MessagesPerSecond);
        _answerDeliver = response => _connection.TrySend(response);
    }

    public bool IsLoggedIn { get; private set; }

    /// <summary>Connects and logs in (§7.4.1); throws <see cref="CmppConnectException"/> on refusal.</summary>
    public static async Task<CmppLink> ConnectAsync(CmppClient client, CancellationToken cancellationToken)
    {
        var options = client.Options;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConnectTimeout);
            await socket.ConnectAsync(options.Host, options.Port, timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var connection = new CmppConnection(socket, options.MaxPacketLength, client.Logger) { Version = options.Version };
        var link = new CmppLink(client, connection);
        connection.Start(link.OnPacket, link.OnDecodeError);
        try
        {
            await link.LoginAsync(cancellationToken).ConfigureAwait(false);
            return link;
        }
        catch
        {
            connection.Abort("login failed");
            await connection.Completion.ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs until the connection ends; returns why.</summary>
    public async Task<string> RunAsync()
    {
        var sender = Task.Run(SendLoopAsync);
        var keepAlive = Task.Run(KeepAliveLoopAsync);
        try
        {
            await _connection.Completion.ConfigureAwait(false);
        }
        finally
        {
            IsLoggedIn = false;
            _sending.Cancel();
            await Task.WhenAll(sender, keepAlive).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            SettleInFlight();
        }
        return _connection.CloseReason;
    }

    /// <summary>Graceful end (§7.4.2): stop sending, let responses arrive, CMPP_TERMINATE, close.</summary>
    public Task TerminateAsync(CancellationToken cancellationToken)
    {
        lock (_inFlight)
        {
            return _terminate ??= TerminateCoreAsync(cancellationToken);
        }
    }

    private async Task TerminateCoreAsync(CancellationToken cancellationToken)
    {
        _sending.Cancel();
        var deadline = Stopwatch.GetTimestamp() + ToTicks(_options.ResponseTimeout);
        while (InFlightCount > 0 && Stopwatch.GetTimestamp() < deadline && !_connection.Closed.IsCancellationRequested)
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
        try
        {
            await RequestWithTimeoutAsync(new Terminate { Version = _options.Version }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or IOException or CmppNotSentException)
        {
            Log.TerminateUnanswered(_logger, _options.Host, _options.Port);
        }
        _connection.Abort("terminated");
        await _connection.Completion.ConfigureAwait(false);
    }

    private int InFlightCount
    {
        get
        {
            lock (_inFlight)
            {
                return _inFlight.Count;
            }
        }
    }

    /// <summary>A control request: its response, or TimeoutException after the response timeout.</summary>
    public async Task<Packet> RequestWithTimeoutAsync(Packet request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _connection.Closed);
        timeout.CancelAfter(_options.ResponseTimeout);
        var pending = new PendingControl(request);
        Register(pending);
        if (!_connection.TrySend(request, pending))
        {
            Unregister(request.SequenceId);
            throw new CmppNotSentException("the connection is closed");
        }
        try
        {
            return await pending.Response.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Whoever gave up, the request is no longer awaited: a late answer must not find it, nor the dead-link check.
            Unregister(request.SequenceId);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            throw _connection.Closed.IsCancellationRequested
                ? new IOException($"connection closed: {_connection.CloseReason}")
                : new TimeoutException($"no response to {request} within {_options.ResponseTimeout.TotalSeconds:0.###} s");
        }
    }

    private void Register(PendingRequest pending)
    {
        lock (_inFlight)
        {
            // Sequence_Id counts up by one and wraps (§7.3); 0 is skipped so that it never means "unknown".
            _sequence = _sequence == uint.MaxValue ? 1 : _sequence + 1;
            pending.Request.SequenceId = _sequence;
            pending.SentAt = Stopwatch.GetTimestamp();
            _inFlight[_sequence] = pending;
        }
    }

    private PendingRequest? Unregister(uint sequence)
    {
        lock (_inFlight)
        {
            return _inFlight.Remove(sequence, out var pending) ? pending : null;
        }
    }

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
