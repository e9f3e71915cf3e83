using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Client;

/// <summary>
/// An ESME: one bind to an SMSC that stays up. Submits are pipelined up to <see cref="SmppClientOptions.Window"/>,
/// paced to <see cref="SmppClientOptions.MessagesPerSecond"/>, and survive reconnects while they are still queued.
/// Inbound deliver_sm (receipts and MO messages) are handed out through <see cref="Deliveries"/> and answered when
/// the application acknowledges them.
/// </summary>
public sealed partial class SmppClient : IAsyncDisposable
{
    private readonly SmppClientOptions _options;
    private readonly ILogger _logger;
    private readonly SubmitQueue _queue = new();
    private readonly Channel<IncomingDeliverSm> _deliveries;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private ClientLink? _link;
    private Task _supervisor = Task.CompletedTask;
    private bool _started;

    public SmppClient(SmppClientOptions options, ILogger<SmppClient>? logger = null)
    {
        options.Validate();
        _options = options;
        // Bounded, so a consumer that falls behind stops the read loop (and through TCP, the SMSC) instead of
        // piling receipts up in memory; unanswered, they stay the SMSC's to deliver again.
        _deliveries = Channel.CreateBounded<IncomingDeliverSm>(new BoundedChannelOptions(options.MaxPendingDeliveries)
        {
            FullMode = BoundedChannelFullMode.Wait,
        });
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    internal SmppClientOptions Options => _options;
    internal ILogger Logger => _logger;

    /// <summary>Throttling is reported at most every 10 s per client, with how often it happened in between.</summary>
    internal LogThrottle ThrottledLog { get; } = new(TimeSpan.FromSeconds(10));
    internal SubmitQueue Queue => _queue;
    internal ChannelWriter<IncomingDeliverSm> DeliveryWriter => _deliveries.Writer;

    /// <summary>
    /// deliver_sm received on any connection, in arrival order, each waiting for the application's
    /// <see cref="IncomingDeliverSm.Acknowledge"/>. At most <see cref="SmppClientOptions.MaxPendingDeliveries"/> wait
    /// here; beyond that the client stops reading from the SMSC.
    /// </summary>
    public ChannelReader<IncomingDeliverSm> Deliveries => _deliveries.Reader;

    /// <summary>True while a bind is up.</summary>
    public bool IsBound => Volatile.Read(ref _link) is { IsBound: true };

    /// <summary>Messages waiting for a window slot (not yet written).</summary>
    public int QueuedCount => _queue.Count;

    /// <summary>Raised with the reason each time a bound link is lost (dropped, dead, unbound by the SMSC).</summary>
    public event Action<string>? LinkLost;

    /// <summary>Raised each time a bind succeeds, the first one included.</summary>
    public event Action? Bound;

    /// <summary>
    /// Connects and binds once, then keeps the bind up in the background. Throws <see cref="SmppBindException"/>
    /// when the SMSC refuses the bind (wrong password …) and the socket error when it cannot be reached.
    /// </summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            if (_started)
            {
                throw new InvalidOperationException("ConnectAsync was already called");
            }
            _started = true;
        }
        ClientLink link;
        try
        {
            link = await ClientLink.ConnectAsync(this, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_gate)
            {
                _started = false;
            }
            throw;
        }
        Volatile.Write(ref _link, link);
        _supervisor = Task.Run(() => SuperviseAsync(link), CancellationToken.None);
    }

    /// <summary>
    /// Queues one submit_sm and returns its final submit_sm_resp. The response may carry an error status
    /// (check <see cref="Codec.CommandStatus.IsTransient"/>): congestion was already retried
    /// <see cref="SmppClientOptions.MaxTransientRetries"/> times. A generic_nack answer comes back as a response with
    /// its status and <see cref="SubmitSmResp.GenericNack"/> set. Fails with <see cref="SmppUnknownOutcomeException"/>
    /// if the link dropped after the message was written, and <see cref="SmppNotSentException"/> if the client
    /// stopped before writing it. Cancelling only withdraws a message that is still queued.
    /// </summary>
    public Task<SubmitSmResp> SubmitAsync(SubmitSm pdu, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        if (_options.BindMode == BindMode.Receiver)
        {
            throw new InvalidOperationException("a receiver bind cannot submit (SMPP v3.4 §2.2.1)");
        }
        _ = pdu.Length; // validates field lengths here, in the caller, rather than in the write loop
        if (_stopping.IsCancellationRequested)
        {
            return Task.FromException<SubmitSmResp>(new SmppNotSentException("the client is stopping"));
        }
        var pending = new PendingSubmit(pdu);
        if (cancellationToken.CanBeCanceled)
        {
            pending.Cancellation = cancellationToken.Register(static state =>
            {
                var (client, item, token) = ((SmppClient, PendingSubmit, CancellationToken))state!;
                if (client._queue.TryRemove(item))
                {
                    item.Cancel(token);
                }
            }, (this, pending, cancellationToken));
        }
        _queue.Enqueue(pending);
        return pending.Result;
    }

    /// <summary>
    /// Stops sending, waits (up to the response timeout) for outstanding responses, unbinds (SMPP v3.4 §4.2)
    /// and closes. Messages still queued fail with <see cref="SmppNotSentException"/>.
    /// </summary>
    public async Task UnbindAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }
            _stopping.Cancel();
        }
        if (Volatile.Read(ref _link) is { } link)
        {
            await link.UnbindAsync(cancellationToken).ConfigureAwait(false);
        }
        await _supervisor.ConfigureAwait(false);
        foreach (var item in _queue.DrainAll())
        {
            item.Fail(new SmppNotSentException("the client was stopped"));
        }
        _deliveries.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await UnbindAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.UnbindFailed(_logger, e);
        }
    }

    private async Task SuperviseAsync(ClientLink? link)
    {
        var attempt = 0;
        while (true)
        {
            if (link is not null)
            {
                Volatile.Write(ref _link, link);
                if (_stopping.IsCancellationRequested)
                {
                    // UnbindAsync ran while this link was being bound and could not see it.
                    await link.UnbindAsync(CancellationToken.None).ConfigureAwait(false);
                }
                Bound?.Invoke();
                string reason;
                try
                {
                    reason = await link.RunAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Never let the supervisor die: without it nothing would reconnect and queued messages would wait forever.
                    Log.LinkFailed(_logger, e);
                    reason = "link failed: " + e.Message;
                }
                Volatile.Write(ref _link, null);
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }
                Log.LinkLost(_logger, _options.Host, _options.Port, reason);
                LinkLost?.Invoke(reason);
                link = null;
                attempt = 0;
            }
            try
            {
                await Task.Delay(Backoff(attempt++), _stopping.Token).ConfigureAwait(false);
                link = await ClientLink.ConnectAsync(this, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Log.ReconnectFailed(_logger, _options.Host, _options.Port, attempt, e.Message);
            }
        }
    }

    internal TimeSpan Backoff(int attempt) => _options.ReconnectDelay(attempt);

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Warning, "SMPP link to {Host}:{Port} lost: {Reason}")]
        public static partial void LinkLost(ILogger logger, string host, int port, string reason);

        [LoggerMessage(11, LogLevel.Warning, "SMPP reconnect to {Host}:{Port} failed (attempt {Attempt}): {Reason}")]
        public static partial void ReconnectFailed(ILogger logger, string host, int port, int attempt, string reason);

        [LoggerMessage(13, LogLevel.Error, "SMPP link failed unexpectedly")]
        public static partial void LinkFailed(ILogger logger, Exception exception);

        [LoggerMessage(12, LogLevel.Warning, "SMPP unbind failed")]
        public static partial void UnbindFailed(ILogger logger, Exception exception);
    }
}
