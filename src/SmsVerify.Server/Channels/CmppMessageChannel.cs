using SmsVerify.Cmpp.Client;
using SmsVerify.Cmpp.Codec;

namespace SmsVerify.Server.Channels;

/// <summary>
/// A carrier reached over China Mobile's CMPP 2.0 or 3.0: <see cref="ChannelOptions.Binds"/> links to its ISMG, each
/// submitting and receiving. Status reports and MO messages go to the sink, and the ISMG gets its
/// CMPP_DELIVER_RESP only after the sink has returned.
/// </summary>
internal sealed partial class CmppMessageChannel : CarrierChannel
{
    private int _reference = Random.Shared.Next(byte.MaxValue);

    public CmppMessageChannel(ChannelOptions options, TimeProvider clock, ILoggerFactory loggers, IChannelEventSink? sink,
        Action<CmppClientOptions>? tune = null, ChannelComeback? comeback = null, IBindLeases? leases = null, ChannelMetrics? metrics = null)
        : base(options, clock, loggers, sink, comeback, metrics)
    {
        var clientLogger = loggers.CreateLogger<CmppClient>();
        // A CMPP link leases a slot as an SMPP bind does: the ISMG allows an SP_Id so many links in all.
        Links =
        [
            .. Enumerable.Range(0, options.Binds).Select(_ => new CmppLink(ClientOptions(tune), Stats, clientLogger, OnLinkMade,
                OnDeliveryAsync, options.InboundConcurrency, leases is null ? null : (leases, options.Name, 0, options.Binds))),
        ];
    }

    private CmppVersion Version => Options.Protocol == ChannelProtocol.Cmpp2 ? CmppVersion.V20 : CmppVersion.V30;

    protected override string Kind => Version == CmppVersion.V20 ? "cmpp2" : "cmpp3";

    private CmppClientOptions ClientOptions(Action<CmppClientOptions>? tune)
    {
        var client = new CmppClientOptions
        {
            Host = Options.Host,
            Port = Options.ServerPort,
            Version = Version,
            SourceAddr = Options.SpId,
            SharedSecret = Options.SharedSecret,
            RequireIsmgAuthenticator = Options.RequireIsmgAuthenticator,
            Window = Options.Window,
            MessagesPerSecond = Options.MessagesPerSecond,
            ReconnectMinDelay = Options.ReconnectDelay,
            ReconnectMaxDelay = Options.ReconnectMaxDelay,
            // The ISMG's window bounds what it sends unanswered; this only guards against one that has none.
            MaxPendingDeliveries = Math.Max(Options.InboundConcurrency * 4, 64),
        };
        tune?.Invoke(client);
        return client;
    }
}
