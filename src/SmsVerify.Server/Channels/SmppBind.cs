using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Server.Channels;

/// <summary>
/// One bind of an SMPP channel: an <see cref="SmppClient"/> plus what routing needs to know about it. The library
/// keeps a bind up once it has bound; until the first bind succeeds this class keeps trying, so a carrier that is
/// unreachable at start neither stops the server nor stays down once it comes back. Where nodes lease the binds
/// (<see cref="IBindLeases"/>), it first waits for a slot, on standby, and gives the bind up if the slot is lost.
/// </summary>
internal sealed partial class SmppBind
{
    private const int Connecting = 0, Up = 1, Down = 2, Standby = 3;

    // Real time, as the library's reconnects: how often a node on standby asks for a slot, and one bound checks it still holds its own.
    private static readonly TimeSpan LeaseCheck = TimeSpan.FromSeconds(2);

    private readonly SmppClientOptions _options;
    private readonly ChannelStats _stats;
    private readonly ILogger<SmppClient> _logger;
    private readonly Action _bound;
    private readonly (IBindLeases Leases, string Channel, int First, int Count)? _lease;
    private SmppClient _client;
    private int _status;
    private int? _slot;

    /// <param name="bound">Called each time this bind is made, the first time and after every drop.</param>
    /// <param name="lease">Where this bind's slot is leased, or null when it needs none.</param>
    public SmppBind(SmppClientOptions options, ChannelStats stats, ILogger<SmppClient> logger, Action bound, (IBindLeases, string, int, int)? lease = null)
    {
        _options = options;
        _stats = stats;
        _logger = logger;
        _bound = bound;
        _lease = lease;
        _status = lease is null ? Connecting : Standby;
        CanSubmit = options.BindMode != BindMode.Receiver;
        _client = NewClient();
    }

    /// <summary>The client of the current bind; a new one replaces it when a lost slot is taken again.</summary>
    public SmppClient Client => Volatile.Read(ref _client);

    public bool CanSubmit { get; }
    public bool IsUp => Volatile.Read(ref _status) == Up && Client.IsBound;
    public bool IsConnecting => Volatile.Read(ref _status) == Connecting;

    /// <summary>Waiting for a slot that other nodes hold.</summary>
    public bool IsStandby => Volatile.Read(ref _status) == Standby;

    public BindView View() => new(_options.BindMode.ToString().ToLowerInvariant(),
        IsUp ? ChannelState.Up : IsConnecting ? ChannelState.Connecting : IsStandby ? ChannelState.Standby : ChannelState.Down);

    /// <summary>
    /// Binds (retrying until it works or <paramref name="stopping"/>), then hands every deliver_sm to <paramref name="onDelivery"/>.
    /// With leases, first takes a slot, and starts over with a new client if the slot is lost.
    /// </summary>
    public async Task RunAsync(Func<IncomingDeliverSm, CancellationToken, ValueTask> onDelivery, int concurrency, CancellationToken stopping)
    {
        while (await TakeSlotAsync(stopping) && await ConnectAsync(stopping))
        {
            using var lost = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var watch = WatchSlotAsync(lost);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = stopping };
            try
            {
                // Ends when the client is unbound (Deliveries completes) or the channel stops.
                await Parallel.ForEachAsync(Client.Deliveries.ReadAllAsync(stopping), parallel, onDelivery);
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
            // The slot went to another node: this client is unbound; the next bind needs a new one and a slot again.
            Volatile.Write(ref _status, Standby);
            Volatile.Write(ref _client, NewClient());
        }
    }

    /// <summary>Unbinds (after outstanding responses) and gives the slot back, so another node may bind at once.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Client.UnbindAsync(cancellationToken);
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

    private SmppClient NewClient()
    {
        var client = new SmppClient(_options, _logger);
        client.Bound += () =>
        {
            Volatile.Write(ref _status, Up);
            _bound();
        };
        client.LinkLost += reason =>
        {
            _stats.Error("link lost: " + reason);
            Volatile.Write(ref _status, Down);
        };
        return client;
    }

    /// <summary>Waits on standby until this node holds one of the channel's slots; false when stopping first.</summary>
    private async Task<bool> TakeSlotAsync(CancellationToken stopping)
    {
        if (_lease is not { } lease)
        {
            return !stopping.IsCancellationRequested;
        }
        while (true)
        {
            try
            {
                if (await lease.Leases.TakeAsync(lease.Channel, lease.First, lease.Count, stopping) is { } slot)
                {
                    _slot = slot;
                    Volatile.Write(ref _status, Connecting);
                    return true;
                }
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                Log.LeaseFailed(_logger, lease.Channel, e);
            }
            try
            {
                await Task.Delay(LeaseCheck, stopping);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// While bound, checks that the slot is still this node's: if another node took it, or this node should give it
    /// to a node that has none, unbinds (and the run loop waits on standby for a slot again).
    /// </summary>
    private async Task WatchSlotAsync(CancellationTokenSource bound)
    {
        if (_lease is not { } lease || _slot is not { } slot)
        {
            return;
        }
        try
        {
            while (true)
            {
                await Task.Delay(LeaseCheck, bound.Token);
                BindSlot check;
                try
                {
                    check = await lease.Leases.CheckAsync(lease.Channel, lease.First, lease.Count, slot, bound.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database may be briefly away: the bind stays, as it would without leases.
                    Log.LeaseFailed(_logger, lease.Channel, e);
                    continue;
                }
                if (check == BindSlot.Held)
                {
                    continue;
                }
                if (check == BindSlot.Lost)
                {
                    Log.SlotLost(_logger, lease.Channel, slot);
                }
                _slot = null;
                // Outstanding responses come in first; then the slot is free for the waiting node.
                await Client.UnbindAsync(CancellationToken.None);
                if (check == BindSlot.Yield)
                {
                    Log.SlotGivenUp(_logger, lease.Channel, slot);
                    await lease.Leases.ReleaseAsync(lease.Channel, slot, CancellationToken.None);
                }
                return;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<bool> ConnectAsync(CancellationToken stopping)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await Client.ConnectAsync(stopping);
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
                Log.BindFailed(_logger, _options.Host, _options.Port, attempt + 1, e.Message);
            }
            try
            {
                // Real time, as the library's own reconnects: this waits on a network peer, not on business time.
                await Task.Delay(_options.ReconnectDelay(attempt), stopping);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "SMPP bind to {Host}:{Port} failed (attempt {Attempt}): {Reason}; trying again")]
        public static partial void BindFailed(ILogger logger, string host, int port, int attempt, string reason);

        [LoggerMessage(LogLevel.Warning, "Leasing a bind slot of channel {Channel} failed; trying again")]
        public static partial void LeaseFailed(ILogger logger, string channel, Exception exception);

        [LoggerMessage(LogLevel.Warning, "Another node took bind slot {Slot} of channel {Channel} (this node was taken for dead); unbinding it")]
        public static partial void SlotLost(ILogger logger, string channel, int slot);

        [LoggerMessage(LogLevel.Information, "Gave bind slot {Slot} of channel {Channel} to a node that had none")]
        public static partial void SlotGivenUp(ILogger logger, string channel, int slot);

        [LoggerMessage(LogLevel.Warning, "Giving back a bind slot of channel {Channel} failed; it frees itself when this node stops beating")]
        public static partial void ReleaseFailed(ILogger logger, string channel, Exception exception);
    }
}
