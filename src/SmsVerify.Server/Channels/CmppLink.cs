using SmsVerify.Cmpp.Client;

namespace SmsVerify.Server.Channels;

/// <summary>
/// One link of a CMPP channel: a <see cref="CmppClient"/> that submits and receives on the same connection (CMPP has
/// no receive-only links), its CMPP_DELIVERs handed to the channel a few at a time.
/// </summary>
internal sealed class CmppLink : ChannelLink
{
    private readonly CmppClientOptions _options;
    private readonly ILogger<CmppClient> _logger;
    private readonly Func<IncomingDeliver, CancellationToken, ValueTask> _onDelivery;
    private readonly int _concurrency;
    private CmppClient _client;

    public CmppLink(CmppClientOptions options, ChannelStats stats, ILogger<CmppClient> logger, Action connected,
        Func<IncomingDeliver, CancellationToken, ValueTask> onDelivery, int concurrency, (IBindLeases, string, int, int)? lease)
        : base("transceiver", canSubmit: true, stats, logger, connected, lease)
    {
        _options = options;
        _logger = logger;
        _onDelivery = onDelivery;
        _concurrency = concurrency;
        _client = NewClient();
    }

    /// <summary>The client of the current link; a new one replaces it when a lost slot is taken again.</summary>
    public CmppClient Client => Volatile.Read(ref _client);

    protected override bool ClientIsUp => Client.IsConnected;

    protected override (string Host, int Port) Peer => (_options.Host, _options.Port);

    protected override Task ConnectClientAsync(CancellationToken cancellationToken) => Client.ConnectAsync(cancellationToken);

    protected override Task CloseClientAsync(CancellationToken cancellationToken) => Client.TerminateAsync(cancellationToken);

    /// <summary>Ends when the client is terminated (Deliveries completes) or the channel stops.</summary>
    protected override Task ReceiveAsync(CancellationToken stopping) =>
        Parallel.ForEachAsync(Client.Deliveries.ReadAllAsync(stopping),
            new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = stopping }, _onDelivery);

    protected override void RenewClient() => Volatile.Write(ref _client, NewClient());

    protected override TimeSpan ReconnectDelay(int attempt) => _options.ReconnectDelay(attempt);

    private CmppClient NewClient()
    {
        var client = new CmppClient(_options, _logger);
        client.Connected += OnClientConnected;
        client.LinkLost += OnClientLost;
        return client;
    }
}
