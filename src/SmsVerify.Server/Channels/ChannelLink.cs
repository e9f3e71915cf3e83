namespace SmsVerify.Server.Channels;

/// <summary>
/// One connection of a carrier channel (an SMPP bind, a CMPP link) plus what routing needs to know about it. The
/// protocol libraries keep a link up once it is made; until the first connect succeeds this class keeps trying, so
/// a carrier that is unreachable at start neither stops the server nor stays down once it comes back. Where nodes
/// lease the links (<see cref="IBindLeases"/>), it first waits for a slot, on standby, and closes the link if the
/// slot is lost. Subclasses supply the protocol's client.
/// </summary>
internal abstract partial class ChannelLink
{
    private const int Connecting = 0, Up = 1, Down = 2, Standby = 3;

    // Real time, as the libraries' reconnects: how often a node on standby asks for a slot, and one connected checks it still holds its own.
    private static readonly TimeSpan LeaseCheck = TimeSpan.FromSeconds(2);

    private readonly ChannelStats _stats;
    private readonly ILogger _logger;
    private readonly Action _connected;
    private readonly (IBindLeases Leases, string Channel, int First, int Count)? _lease;
    private readonly string _mode;
    private int _status;
    private int? _slot;

    /// <param name="connected">Called each time this link is made, the first time and after every drop.</param>
    /// <param name="lease">Where this link's slot is leased, or null when it needs none.</param>
    protected ChannelLink(string mode, bool canSubmit, ChannelStats stats, ILogger logger, Action connected, (IBindLeases, string, int, int)? lease)
    {
        _mode = mode;
        CanSubmit = canSubmit;
        _stats = stats;
        _logger = logger;
        _connected = connected;
        _lease = lease;
        _status = lease is null ? Connecting : Standby;
    }

    /// <summary>False for a receive-only link.</summary>
    public bool CanSubmit { get; }
    public bool IsUp => Volatile.Read(ref _status) == Up && ClientIsUp;
    public bool IsConnecting => Volatile.Read(ref _status) == Connecting;

    /// <summary>Waiting for a slot that other nodes hold.</summary>
    public bool IsStandby => Volatile.Read(ref _status) == Standby;

    public BindView View() => new(_mode,
        IsUp ? ChannelState.Up : IsConnecting ? ChannelState.Connecting : IsStandby ? ChannelState.Standby : ChannelState.Down);

    /// <summary>The client says it is connected and logged in.</summary>
    protected abstract bool ClientIsUp { get; }

    /// <summary>Connects and logs in once; throws when the carrier refuses or cannot be reached.</summary>
    protected abstract Task ConnectClientAsync(CancellationToken cancellationToken);

    /// <summary>Ends the session politely, after outstanding responses.</summary>
    protected abstract Task CloseClientAsync(CancellationToken cancellationToken);

    /// <summary>Hands what the carrier delivers to the channel until the client is closed or <paramref name="stopping"/>.</summary>
    protected abstract Task ReceiveAsync(CancellationToken stopping);

    /// <summary>A closed client cannot connect again: the next slot needs a new one.</summary>
    protected abstract void RenewClient();

    protected abstract TimeSpan ReconnectDelay(int attempt);

    protected abstract (string Host, int Port) Peer { get; }

    /// <summary>For the client's "connected" event: the library made the link again by itself.</summary>
    protected void OnClientConnected()
    {
        Volatile.Write(ref _status, Up);
        _connected();
    }

    /// <summary>For the client's "link lost" event: the library is reconnecting.</summary>
    protected void OnClientLost(string reason)
    {
        _stats.Error("link lost: " + reason);
        Volatile.Write(ref _status, Down);
    }

    /// <summary>
    /// Connects (retrying until it works or <paramref name="stopping"/>), then receives. With leases, first takes a
    /// slot, and starts over with a new client if the slot is lost.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        while (await TakeSlotAsync(stopping) && await ConnectAsync(stopping))
        {
            using var lost = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var watch = WatchSlotAsync(lost);
            try
            {
                await ReceiveAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            await lost.CancelAsync();
            await watch;
            if (stopping.IsCancellationRequested || _lease is null)
            {
                return;
            }
            // The slot went to another node: this client is closed; the next link needs a new one and a slot again.
            Volatile.Write(ref _status, Standby);
            RenewClient();
        }
    }

    /// <summary>Closes the session (after outstanding responses) and gives the slot back, so another node may connect at once.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await CloseClientAsync(cancellationToken);
        if (_lease is { } lease && _slot is { } slot)
        {
            try
            {
                await lease.Leases.ReleaseAsync(lease.Channel, slot, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The slot frees itself when this node stops beating.
                Log.ReleaseFailed(_logger, lease.Channel, e);
            }
        }
    }

    private async Task<bool> ConnectAsync(CancellationToken stopping)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await ConnectClientAsync(stopping);
                Volatile.Write(ref _status, Up);
                return true;
            }
            catch (Exception e) when (stopping.IsCancellationRequested && e is OperationCanceledException or ObjectDisposedException)
            {
                return false;
            }
            catch (Exception e)
            {
                _stats.Error("bind failed: " + e.Message);
                Volatile.Write(ref _status, Down);
                Log.ConnectFailed(_logger, _mode, Peer.Host, Peer.Port, attempt + 1, e.Message);
            }
            try
            {
                // Real time, as the libraries' own reconnects: this waits on a network peer, not on business time.
                await Task.Delay(ReconnectDelay(attempt), stopping);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }
}
