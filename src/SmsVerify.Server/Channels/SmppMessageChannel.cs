using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Server.Channels;

/// <summary>
/// A carrier reached over SMPP: <see cref="ChannelOptions.Binds"/> binds that submit (each with its own window and
/// rate, used round-robin while up) and optional receive-only binds. Receipts and replies from any bind go to the
/// sink, and the SMSC gets its deliver_sm_resp only after the sink has returned.
/// </summary>
internal sealed partial class SmppMessageChannel : IReportingChannel, IAsyncDisposable
{
    private readonly ChannelOptions _options;
    private readonly IReadOnlyList<Carrier> _carriers;
    private readonly SmppBind[] _binds;
    private readonly CircuitBreaker _breaker;
    private readonly ChannelStats _stats;
    private readonly TimeProvider _clock;
    private readonly IChannelEventSink? _sink;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;
    private int _nextBind;
    private int _reference = Random.Shared.Next(ushort.MaxValue);
    private int _started;
    private int _bindsMade;

    private readonly ChannelComeback? _comeback;

    public SmppMessageChannel(ChannelOptions options, TimeProvider clock, ILoggerFactory loggers, IChannelEventSink? sink,
        Action<SmppClientOptions>? tune = null, ChannelComeback? comeback = null, IBindLeases? leases = null, ChannelMetrics? metrics = null)
    {
        _comeback = comeback;
        _options = options;
        _clock = clock;
        _sink = sink;
        _logger = loggers.CreateLogger<SmppMessageChannel>();
        _carriers = [.. options.Carriers.Select(c => Enum.Parse<Carrier>(c, ignoreCase: true)).Distinct()];
        _stats = new ChannelStats(clock);
        _breaker = new CircuitBreaker(options.Breaker, clock, (state, reason) =>
        {
            Log.BreakerChanged(_logger, Name, state, reason);
            metrics?.BreakerChanged(Name, state);
        });
        var submitMode = options.BindMode == ChannelBindMode.Transmitter ? BindMode.Transmitter : BindMode.Transceiver;
        var clientLogger = loggers.CreateLogger<SmppClient>();
        _binds =
        [
            .. Enumerable.Range(0, options.Binds).Select(_ => new SmppBind(ClientOptions(submitMode, tune), _stats, clientLogger, OnBound,
                leases is null ? null : (leases, options.Name, 0, options.Binds))),
            .. Enumerable.Range(0, options.ReceiverBinds).Select(_ => new SmppBind(ClientOptions(BindMode.Receiver, tune), _stats, clientLogger, OnBound,
                leases is null ? null : (leases, options.Name, options.Binds, options.ReceiverBinds))),
        ];
    }

    public string Name => _options.Name;
    public int Priority => _options.Priority;

    public ChannelState State
    {
        get
        {
            if (!_options.Enabled || _stopping.IsCancellationRequested)
            {
                return ChannelState.Down;
            }
            var senders = _binds.Where(b => b.CanSubmit);
            if (senders.Any(b => b.IsUp))
            {
                return _breaker.Allows ? ChannelState.Up : ChannelState.Open;
            }
            if (senders.Any(b => b.IsConnecting))
            {
                return ChannelState.Connecting;
            }
            return senders.All(b => b.IsStandby) ? ChannelState.Standby : ChannelState.Down;
        }
    }

    public bool Serves(Carrier carrier) => _options.Enabled && (_carriers.Count == 0 || _carriers.Contains(carrier));

    /// <summary>Starts binding in the background and returns at once: an unreachable carrier must not hold up the server.</summary>
    public void Start()
    {
        if (_options.Enabled && Interlocked.Exchange(ref _started, 1) == 0)
        {
            var concurrency = _options.InboundConcurrency;
            _running = Task.WhenAll(_binds.Select(b => Task.Run(() => b.RunAsync(OnDeliveryAsync, concurrency, _stopping.Token))));
        }
    }

    /// <summary>
    /// Unbinds every bind (each waits for its outstanding responses first). Deliveries still being handled are
    /// cancelled and left unanswered, so the SMSC delivers them again after the restart.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_binds.Select(b => b.StopAsync(cancellationToken)));
        await _running.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping.Dispose();
    }

    public ChannelView Describe() =>
        _stats.View(this, "smpp", _carriers, _binds.Count(b => b.IsUp), _binds.Length, _breaker.State) with
        {
            Binds = [.. _binds.Select(b => b.View())],
        };

    /// <summary>A bind was made: a breaker opened by the drop lets its probe through now, and held-back messages move.</summary>
    private void OnBound()
    {
        Interlocked.Increment(ref _bindsMade);
        _breaker.Rebound();
        _comeback?.Raise();
    }

    private SmppClientOptions ClientOptions(BindMode mode, Action<SmppClientOptions>? tune)
    {
        var client = new SmppClientOptions
        {
            Host = _options.Host,
            Port = _options.Port,
            SystemId = _options.SystemId,
            Password = _options.Password,
            SystemType = _options.SystemType,
            BindMode = mode,
            Window = _options.Window,
            MessagesPerSecond = _options.MessagesPerSecond,
            ReconnectMinDelay = _options.ReconnectDelay,
            ReconnectMaxDelay = _options.ReconnectMaxDelay,
            // The SMSC's window bounds what it sends unanswered; this only guards against one that has none.
            MaxPendingDeliveries = Math.Max(_options.InboundConcurrency * 4, 64),
        };
        tune?.Invoke(client);
        return client;
    }
}
