using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Server.Channels;

/// <summary>
/// A carrier reached over SMPP: <see cref="ChannelOptions.Binds"/> binds that submit and optional receive-only
/// binds. Receipts and replies from any bind go to the sink, and the SMSC gets its deliver_sm_resp only after the
/// sink has returned.
/// </summary>
internal sealed partial class SmppMessageChannel : CarrierChannel
{
    private int _reference = Random.Shared.Next(ushort.MaxValue);

    public SmppMessageChannel(ChannelOptions options, TimeProvider clock, ILoggerFactory loggers, IChannelEventSink? sink,
        Action<SmppClientOptions>? tune = null, ChannelComeback? comeback = null, IBindLeases? leases = null, ChannelMetrics? metrics = null)
        : base(options, clock, loggers, sink, comeback, metrics)
    {
        var submitMode = options.BindMode == ChannelBindMode.Transmitter ? BindMode.Transmitter : BindMode.Transceiver;
        var clientLogger = loggers.CreateLogger<SmppClient>();
        SmppBind Bind(BindMode mode, int first, int count) => new(ClientOptions(mode, tune), Stats, clientLogger, OnLinkMade,
            OnDeliveryAsync, options.InboundConcurrency, leases is null ? null : (leases, options.Name, first, count));
        Links =
        [
            .. Enumerable.Range(0, options.Binds).Select(_ => Bind(submitMode, 0, options.Binds)),
            .. Enumerable.Range(0, options.ReceiverBinds).Select(_ => Bind(BindMode.Receiver, options.Binds, options.ReceiverBinds)),
        ];
    }

    protected override string Kind => "smpp";

    private SmppClientOptions ClientOptions(BindMode mode, Action<SmppClientOptions>? tune)
    {
        var client = new SmppClientOptions
        {
            Host = Options.Host,
            Port = Options.ServerPort,
            SystemId = Options.SystemId,
            Password = Options.Password,
            SystemType = Options.SystemType,
            BindMode = mode,
            Window = Options.Window,
            MessagesPerSecond = Options.MessagesPerSecond,
            ReconnectMinDelay = Options.ReconnectDelay,
            ReconnectMaxDelay = Options.ReconnectMaxDelay,
            // The SMSC's window bounds what it sends unanswered; this only guards against one that has none.
            MaxPendingDeliveries = Math.Max(Options.InboundConcurrency * 4, 64),
        };
        tune?.Invoke(client);
        return client;
    }
}
