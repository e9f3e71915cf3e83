using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Server.Channels;

/// <summary>One bind of an SMPP channel: an <see cref="SmppClient"/> whose deliver_sm go to the channel, a few at a time.</summary>
internal sealed class SmppBind : ChannelLink
{
    private readonly SmppClientOptions _options;
    private readonly ILogger<SmppClient> _logger;
    private readonly Func<IncomingDeliverSm, CancellationToken, ValueTask> _onDelivery;
    private readonly int _concurrency;
    private SmppClient _client;

    public SmppBind(SmppClientOptions options, ChannelStats stats, ILogger<SmppClient> logger, Action bound,
        Func<IncomingDeliverSm, CancellationToken, ValueTask> onDelivery, int concurrency, (IBindLeases, string, int, int)? lease = null)
        : base(options.BindMode.ToString().ToLowerInvariant(), options.BindMode != BindMode.Receiver, stats, logger, bound, lease)
    {
        _options = options;
        _logger = logger;
        _onDelivery = onDelivery;
        _concurrency = concurrency;
        _client = NewClient();
    }

    /// <summary>The client of the current bind; a new one replaces it when a lost slot is taken again.</summary>
    public SmppClient Client => Volatile.Read(ref _client);

    protected override bool ClientIsUp => Client.IsBound;

    protected override (string Host, int Port) Peer => (_options.Host, _options.Port);

    protected override Task ConnectClientAsync(CancellationToken cancellationToken) => Client.ConnectAsync(cancellationToken);

    protected override Task CloseClientAsync(CancellationToken cancellationToken) => Client.UnbindAsync(cancellationToken);

    /// <summary>Ends when the client is unbound (Deliveries completes) or the channel stops.</summary>
    protected override Task ReceiveAsync(CancellationToken stopping) =>
        Parallel.ForEachAsync(Client.Deliveries.ReadAllAsync(stopping),
            new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = stopping }, _onDelivery);

    protected override void RenewClient() => Volatile.Write(ref _client, NewClient());

    protected override TimeSpan ReconnectDelay(int attempt) => _options.ReconnectDelay(attempt);

    private SmppClient NewClient()
    {
        var client = new SmppClient(_options, _logger);
        client.Bound += OnClientConnected;
        client.LinkLost += OnClientLost;
        return client;
    }
}
