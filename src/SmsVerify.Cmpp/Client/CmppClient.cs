using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmsVerify.Cmpp.Packets;

namespace SmsVerify.Cmpp.Client;

/// <summary>
/// An SP's link to an ISMG that stays up: logs in with CMPP_CONNECT, pipelines submits up to
/// <see cref="CmppClientOptions.Window"/> at <see cref="CmppClientOptions.MessagesPerSecond"/>, keeps the link alive
/// with CMPP_ACTIVE_TEST, reconnects with backoff, and hands status reports and MO messages out through
/// <see cref="Deliveries"/>. Queued submits survive reconnects.
/// </summary>
public sealed partial class CmppClient : IAsyncDisposable
{
    private readonly Channel<IncomingDeliver> _deliveries;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private CmppLink? _link;
    private Task _supervisor = Task.CompletedTask;
    private bool _started;

    public CmppClient(CmppClientOptions options, ILogger<CmppClient>? logger = null)
    {
        options.Validate();
        Options = options;
        Logger = (ILogger?)logger ?? NullLogger.Instance;
        // Bounded, so an application that falls behind stops the read loop (and through TCP the ISMG) instead of
        // piling reports up in memory; unanswered, they stay the ISMG's to deliver again.
        _deliveries = Channel.CreateBounded<IncomingDeliver>(new BoundedChannelOptions(options.MaxPendingDeliveries)
        {
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    internal CmppClientOptions Options { get; }
    internal ILogger Logger { get; }
    internal SubmitQueue Queue { get; } = new();
    internal ChannelWriter<IncomingDeliver> DeliveryWriter => _deliveries.Writer;

    /// <summary>CMPP_DELIVER from any link, in arrival order, each waiting for <see cref="IncomingDeliver.Acknowledge"/>.</summary>
    public ChannelReader<IncomingDeliver> Deliveries => _deliveries.Reader;

    /// <summary>True while a logged-in link is up.</summary>
    public bool IsConnected => Volatile.Read(ref _link) is { IsLoggedIn: true };

    /// <summary>Messages waiting for a window slot (not yet written).</summary>
    public int QueuedCount => Queue.Count;

    /// <summary>Raised with the reason each time a logged-in link is lost.</summary>
    public event Action<string>? LinkLost;

    /// <summary>Raised each time a login succeeds, the first one included.</summary>
    public event Action? Connected;

    /// <summary>
    /// Connects and logs in once, then keeps the link up in the background. Throws <see cref="CmppConnectException"/>
    /// when the ISMG refuses the login and the socket error when it cannot be reached.
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
        CmppLink link;
        try
        {
            link = await CmppLink.ConnectAsync(this, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_gate)
            {
                _started = false;
            }
            throw;
        }
        Volatile.Write(ref _link, link); // IsConnected holds from the moment this returns
        Connected?.Invoke();
        _supervisor = Task.Run(() => SuperviseAsync(link), CancellationToken.None);
    }

    /// <summary>
    /// Queues one CMPP_SUBMIT and returns its final response; check <see cref="SubmitResp.Result"/>. The submit takes the
    /// link's version, and <see cref="CmppClientOptions.SourceAddr"/> as Msg_src when it has none. Flow control
    /// (Result 8) was already retried <see cref="CmppClientOptions.MaxFlowControlRetries"/> times. Fails with
    /// <see cref="CmppUnknownOutcomeException"/> if the link dropped after the submit was written and
    /// <see cref="CmppNotSentException"/> if the client stopped before writing it. Cancelling withdraws a queued one only.
    /// </summary>
    public Task<SubmitResp> SubmitAsync(Submit submit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submit);
        submit.Version = Options.Version;
        if (string.IsNullOrEmpty(submit.MsgSrc))
        {
            submit.MsgSrc = Options.SourceAddr;
        }
        _ = submit.Length; // validates the fields here, in the caller, rather than in the write loop
        if (_stopping.IsCancellationRequested)
        {
            return Task.FromException<SubmitResp>(new CmppNotSentException("the client is stopping"));
        }
        var pending = new PendingSubmit(submit);
        if (cancellationToken.CanBeCanceled)
        {
            pending.Cancellation = cancellationToken.Register(static state =>
            {
                var (item, token) = ((PendingSubmit, CancellationToken))state!;
                item.Withdraw(token);
            }, (pending, cancellationToken));
        }
        Queue.Enqueue(pending);
        return pending.Result;
    }

    /// <summary>
    /// Stops sending, waits (up to the response timeout) for outstanding responses, sends CMPP_TERMINATE (§7.4.2)
    /// and closes. Messages still queued fail with <see cref="CmppNotSentException"/>.
    /// </summary>
    public async Task TerminateAsync(CancellationToken cancellationToken = default)
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
            await link.TerminateAsync(cancellationToken).ConfigureAwait(false);
        }
        await _supervisor.ConfigureAwait(false);
        foreach (var item in Queue.DrainAll())
        {
            item.Fail(new CmppNotSentException("the client was stopped"));
        }
        _deliveries.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await TerminateAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.TerminateFailed(Logger, e);
        }
    }
}
