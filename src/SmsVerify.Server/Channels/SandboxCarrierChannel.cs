using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SmsVerify.Smpp.Text;

namespace SmsVerify.Server.Channels;

/// <summary>
/// The built-in stand-in for a carrier: it takes every message at once (ids <c>sbx-…</c>, one per part as a real
/// SMSC gives) and, <see cref="SandboxCarrierOptions.CarrierReceiptDelay"/> later, reports each part delivered
/// through the sink. Nothing reaches a phone. It serves every carrier at the lowest priority, so with no SMPP
/// channel configured the whole send path still runs; with one configured it stands by (state down) unless
/// <see cref="SandboxCarrierOptions.CarrierFallback"/> is set, so real messages wait for a real carrier.
/// </summary>
internal sealed partial class SandboxCarrierChannel(
    IOptions<SandboxCarrierOptions> options, TimeProvider clock, ILogger<SandboxCarrierChannel> logger, IChannelEventSink? sink = null,
    IOptions<List<ChannelOptions>>? carrierChannels = null)
    : IReportingChannel
{
    public const string ChannelName = "sandbox";
    private const int ReceiptConcurrency = 16;

    private readonly SandboxCarrierOptions _options = options.Value;
    private readonly ChannelStats _stats = new(clock);

    // Bounded: when the sink falls far behind, submits wait instead of piling receipts up in memory.
    private readonly Channel<(DateTimeOffset Due, string Id)> _pending =
        Channel.CreateBounded<(DateTimeOffset, string)>(new BoundedChannelOptions(10_000) { SingleReader = true });

    public string Name => ChannelName;
    public int Priority => _options.CarrierPriority;
    // Any SMPP channel counts, a disabled one too: an operator who switched the only carrier off wants nothing sent.
    private readonly bool _standingBy = carrierChannels?.Value.Count > 0 && !options.Value.CarrierFallback;

    private bool Serving => _options.CarrierEnabled && !_standingBy;

    public ChannelState State => Serving ? ChannelState.Up : ChannelState.Down;

    public bool Serves(Carrier carrier) => Serving;

    public async ValueTask<SubmitOutcome> SubmitAsync(OutboundSms sms, CancellationToken cancellationToken)
    {
        if (!Serving)
        {
            // Routing never picks it then; a caller holding on to it gets an honest answer.
            return new SubmitOutcome.Rejected(ChannelErrorCodes.ChannelDown, WhyDown, Transient: true);
        }
        var parts = SmsSplitter.CountParts(sms.Text);
        var ids = new string[parts];
        var due = clock.GetUtcNow() + _options.CarrierReceiptDelay;
        for (var i = 0; i < parts; i++)
        {
            ids[i] = "sbx-" + Guid.NewGuid().ToString("N");
            await _pending.Writer.WriteAsync((due, ids[i]), cancellationToken);
        }
        var outcome = new SubmitOutcome.Accepted(ids);
        _stats.Count(sms, outcome);
        return outcome;
    }

    /// <summary>Sends the receipts as they fall due, until stopped.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ReceiptConcurrency, CancellationToken = stoppingToken };
        try
        {
            await Parallel.ForEachAsync(_pending.Reader.ReadAllAsync(stoppingToken), parallel, SendReceiptAsync);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async ValueTask SendReceiptAsync((DateTimeOffset Due, string Id) pending, CancellationToken cancellationToken)
    {
        var wait = pending.Due - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
        if (sink is null)
        {
            return; // nothing in this server takes receipts
        }
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            await sink.HandleAsync(new ReceiptEvent(ChannelName, now, pending.Id, ReceiptOutcome.Delivered, null, now), cancellationToken);
            _stats.CountReceipt();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // There is no SMSC to deliver it again: the message stays "sent" rather than "delivered".
            _stats.Error("receipt not taken: " + e.Message);
            Log.ReceiptFailed(logger, pending.Id, e);
        }
    }

    private string WhyDown => _options.CarrierEnabled
        ? "Standing by: SMPP channels are configured, so real messages wait for them (Sandbox:CarrierFallback)."
        : "The sandbox carrier is switched off (Sandbox:CarrierEnabled).";

    public ChannelView Describe()
    {
        var view = _stats.View(this, "sandbox", [], Serving ? 1 : 0, 1, BreakerState.Closed);
        return Serving ? view : view with { LastError = WhyDown, LastErrorAt = null };
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Sandbox carrier: the receipt for {CarrierMessageId} was not taken")]
        public static partial void ReceiptFailed(ILogger logger, string carrierMessageId, Exception exception);
    }
}
