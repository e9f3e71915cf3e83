using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Server.Channels;

/// <summary>
/// One bind of an SMPP channel: an <see cref="SmppClient"/> plus what routing needs to know about it. The library
/// keeps a bind up once it has bound; until the first bind succeeds this class keeps trying, so a carrier that is
/// unreachable at start neither stops the server nor stays down once it comes back.
/// </summary>
internal sealed partial class SmppBind
{
    private const int Connecting = 0, Up = 1, Down = 2;
    private readonly SmppClientOptions _options;
    private readonly ChannelStats _stats;
    private readonly ILogger _logger;
    private int _status = Connecting;

    /// <param name="bound">Called each time this bind is made, the first time and after every drop.</param>
    public SmppBind(SmppClientOptions options, ChannelStats stats, ILogger<SmppClient> logger, Action bound)
    {
        _options = options;
        _stats = stats;
        _logger = logger;
        Client = new SmppClient(options, logger);
        CanSubmit = options.BindMode != BindMode.Receiver;
        Client.Bound += () =>
        {
            Volatile.Write(ref _status, Up);
            bound();
        };
        Client.LinkLost += reason =>
        {
            stats.Error("link lost: " + reason);
            Volatile.Write(ref _status, Down);
        };
    }

    public SmppClient Client { get; }
    public bool CanSubmit { get; }
    public bool IsUp => Volatile.Read(ref _status) == Up && Client.IsBound;
    public bool IsConnecting => Volatile.Read(ref _status) == Connecting;

    public BindView View() => new(_options.BindMode.ToString().ToLowerInvariant(),
        IsUp ? ChannelState.Up : IsConnecting ? ChannelState.Connecting : ChannelState.Down);

    /// <summary>Binds (retrying until it works or <paramref name="stopping"/>), then hands every deliver_sm to <paramref name="onDelivery"/>.</summary>
    public async Task RunAsync(Func<IncomingDeliverSm, CancellationToken, ValueTask> onDelivery, int concurrency, CancellationToken stopping)
    {
        if (!await ConnectAsync(stopping))
        {
            return;
        }
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = stopping };
        try
        {
            // Ends when the client is unbound (Deliveries completes) or the channel stops.
            await Parallel.ForEachAsync(Client.Deliveries.ReadAllAsync(stopping), parallel, onDelivery);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
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
    }
}
