using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Connection;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Client;

/// <summary>
/// One bound connection of an <see cref="SmppClient"/>: it sends queued submits within the window and the rate,
/// matches responses by sequence_number, keeps the link alive with enquire_link and declares it dead when any
/// request goes unanswered for the response timeout. When it ends, what was written but not answered fails as
/// unknown outcome and what was never written goes back to the front of the client's queue.
/// </summary>
internal sealed partial class ClientLink
{
    private readonly SmppClient _client;
    private readonly SmppClientOptions _options;
    private readonly ILogger _logger;
    private readonly SmppConnection _connection;
    private readonly Dictionary<uint, PendingRequest> _inFlight = [];
    private readonly SemaphoreSlim _window;
    private readonly CancellationTokenSource _sending = new();
    private readonly Pacer _pacer;
    private readonly Func<DeliverSmResp, bool> _answerDeliver;
    private uint _sequence;
    private long _pausedUntil;
    private Task? _unbind;

    private ClientLink(SmppClient client, SmppConnection connection)
    {
        _client = client;
        _options = client.Options;
        _logger = client.Logger;
        _connection = connection;
        _window = new SemaphoreSlim(_options.Window);
        _pacer = new Pacer(_options.MessagesPerSecond);
        _answerDeliver = response => _connection.TrySend(response);
    }

    public bool IsBound { get; private set; }

    /// <summary>Connects, binds and returns the bound link; throws <see cref="SmppBindException"/> on refusal.</summary>
    public static async Task<ClientLink> ConnectAsync(SmppClient client, CancellationToken cancellationToken)
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
        var connection = options.UseTls
            ? new SmppConnection(socket, await AuthenticateAsync(socket, options, cancellationToken).ConfigureAwait(false), options.MaxPduLength, client.Logger)
            : new SmppConnection(socket, options.MaxPduLength, client.Logger);
        var link = new ClientLink(client, connection);
        link._connection.Start(link.OnPdu, link.OnDecodeError);
        try
        {
            var bind = new Bind
            {
                Mode = options.BindMode,
                SystemId = options.SystemId,
                Password = options.Password,
                SystemType = options.SystemType,
            };
            // The keep-alive loop does not run yet, so the bind carries its own response timeout.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ResponseTimeout);
            Pdu response;
            try
            {
                response = await link.RequestAsync(bind, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no bind response within {options.ResponseTimeout.TotalSeconds:0.###} s");
            }
            if (response.CommandStatus != CommandStatus.Ok)
            {
                throw new SmppBindException(response.CommandStatus);
            }
            link.IsBound = true;
            Log.Bound(client.Logger, options.Host, options.Port, options.SystemId, options.BindMode);
            return link;
        }
        catch
        {
            link._connection.Abort("bind failed");
            await link._connection.Completion.ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs until the connection ends; returns why.</summary>
    public async Task<string> RunAsync()
    {
        var sender = _options.BindMode == BindMode.Receiver ? Task.CompletedTask : Task.Run(SendLoopAsync);
        var keepAlive = Task.Run(KeepAliveLoopAsync);
        try
        {
            await _connection.Completion.ConfigureAwait(false);
        }
        finally
        {
            IsBound = false;
            _sending.Cancel();
            await Task.WhenAll(sender, keepAlive).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            // Whatever happened above, every pending message must end up settled or back in the queue.
            SettleInFlight();
        }
        return _connection.CloseReason;
    }

    /// <summary>Graceful end (SMPP v3.4 §4.2): stop sending, let responses arrive, unbind, close.</summary>
    public Task UnbindAsync(CancellationToken cancellationToken)
    {
        lock (_inFlight)
        {
            return _unbind ??= UnbindCoreAsync(cancellationToken);
        }
    }

    private async Task UnbindCoreAsync(CancellationToken cancellationToken)
    {
        _sending.Cancel();
        var deadline = Stopwatch.GetTimestamp() + (long)(_options.ResponseTimeout.TotalSeconds * Stopwatch.Frequency);
        while (InFlightCount > 0 && Stopwatch.GetTimestamp() < deadline && !_connection.Closed.IsCancellationRequested)
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.ResponseTimeout);
            await RequestAsync(new Unbind(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SmppNotSentException)
        {
            Log.UnbindUnanswered(_logger, _options.Host, _options.Port);
        }
        _connection.Abort("unbound");
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

    /// <summary>A request other than submit_sm (query_sm, cancel_sm): its response, or IOException after the response timeout.</summary>
    public async Task<Pdu> RequestWithTimeoutAsync(Pdu request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ResponseTimeout);
        try
        {
            return await RequestAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no response to {request} within {_options.ResponseTimeout.TotalSeconds:0.###} s");
        }
    }

    private async Task<Pdu> RequestAsync(Pdu request, CancellationToken cancellationToken)
    {
        var pending = new PendingControl(request);
        Register(pending);
        if (!_connection.TrySend(request, pending))
        {
            Unregister(request.SequenceNumber);
            throw new SmppNotSentException("the connection is closed");
        }
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _connection.Closed);
        try
        {
            return await pending.Response.WaitAsync(closed.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"connection closed: {_connection.CloseReason}");
        }
    }

    private void Register(PendingRequest pending)
    {
        lock (_inFlight)
        {
            // sequence_number runs 1..0x7FFFFFFF and then wraps (SMPP v3.4 §3.2).
            _sequence = _sequence >= 0x7FFFFFFF ? 1 : _sequence + 1;
            pending.Request.SequenceNumber = _sequence;
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
}
