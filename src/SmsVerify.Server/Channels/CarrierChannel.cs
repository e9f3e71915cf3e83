namespace SmsVerify.Server.Channels;

/// <summary>
/// A carrier reached over a wire protocol (SMPP, CMPP): its links (each with its own window and rate, used
/// round-robin while up), one circuit breaker, its stats, and the hand-off of receipts and replies to the sink. One
/// delivery model whatever the protocol: a subclass only says how to send a message's parts and how to read what
/// the carrier delivers.
/// </summary>
internal abstract partial class CarrierChannel : IReportingChannel, IAsyncDisposable
{
    private readonly IReadOnlyList<Carrier> _carriers;
    private readonly ChannelComeback? _comeback;
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;
    private int _nextLink;
    private int _started;
    private int _linksMade;

    protected CarrierChannel(ChannelOptions options, TimeProvider clock, ILoggerFactory loggers, IChannelEventSink? sink, ChannelComeback? comeback,
        ChannelMetrics? metrics)
    {
        Options = options;
        Clock = clock;
        _sink = sink;
        _comeback = comeback;
        Logger = loggers.CreateLogger(GetType());
        _carriers = [.. options.Carriers.Select(c => Enum.Parse<Carrier>(c, ignoreCase: true)).Distinct()];
        Stats = new ChannelStats(clock);
        _breaker = new CircuitBreaker(options.Breaker, clock, (state, reason) =>
        {
            Log.BreakerChanged(Logger, Name, state, reason);
            metrics?.BreakerChanged(Name, state);
        });
    }

    protected ChannelOptions Options { get; }
    protected TimeProvider Clock { get; }
    protected ILogger Logger { get; }
    private protected ChannelStats Stats { get; }

    /// <summary>Set by the subclass's constructor: the links that submit first, then any receive-only ones.</summary>
    private protected ChannelLink[] Links { get; init; } = [];

    /// <summary>What <see cref="ChannelView.Kind"/> shows: <c>smpp</c>, <c>cmpp2</c>, <c>cmpp3</c>.</summary>
    protected abstract string Kind { get; }

    public string Name => Options.Name;
    public int Priority => Options.Priority;

    public ChannelState State
    {
        get
        {
            if (!Options.Enabled || _stopping.IsCancellationRequested)
            {
                return ChannelState.Down;
            }
            // Routing asks on every submit: one pass over the links, no enumerators.
            var (senders, connecting, standby) = (0, false, 0);
            foreach (var link in Links)
            {
                if (!link.CanSubmit)
                {
                    continue;
                }
                if (link.IsUp)
                {
                    return _breaker.Allows ? ChannelState.Up : ChannelState.Open;
                }
                senders++;
                connecting |= link.IsConnecting;
                standby += link.IsStandby ? 1 : 0;
            }
            return connecting ? ChannelState.Connecting : standby == senders ? ChannelState.Standby : ChannelState.Down;
        }
    }

    public bool Serves(Carrier carrier) => Options.Enabled && (_carriers.Count == 0 || _carriers.Contains(carrier));

    /// <summary>Starts connecting in the background and returns at once: an unreachable carrier must not hold up the server.</summary>
    public void Start()
    {
        if (Options.Enabled && Interlocked.Exchange(ref _started, 1) == 0)
        {
            _running = Task.WhenAll(Links.Select(b => Task.Run(() => b.RunAsync(_stopping.Token))));
        }
    }

    /// <summary>
    /// Closes every link (each waits for its outstanding responses first). Deliveries still being handled are
    /// cancelled and left unanswered, so the carrier delivers them again after the restart.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(Links.Select(b => b.StopAsync(cancellationToken)));
        await _running.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping.Dispose();
    }

    public ChannelView Describe() =>
        Stats.View(this, Kind, _carriers, Links.Count(b => b.IsUp), Links.Length, _breaker.State) with
        {
            Binds = [.. Links.Select(b => b.View())],
        };

    /// <summary>A link was made: a breaker opened by the drop lets its probe through now, and held-back messages move.</summary>
    protected void OnLinkMade()
    {
        Interlocked.Increment(ref _linksMade);
        _breaker.Rebound();
        _comeback?.Raise();
    }

    /// <summary>Round-robin over the submitting links that are up.</summary>
    private protected T? NextLink<T>() where T : ChannelLink
    {
        var start = Interlocked.Increment(ref _nextLink);
        for (var i = 0; i < Links.Length; i++)
        {
            var link = Links[(int)((uint)(start + i) % (uint)Links.Length)];
            if (link.CanSubmit && link.IsUp)
            {
                return (T)link;
            }
        }
        return null;
    }
}
