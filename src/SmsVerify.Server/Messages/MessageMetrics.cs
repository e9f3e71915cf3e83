using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using SmsVerify.Server.Channels;

namespace SmsVerify.Server.Messages;

/// <summary>
/// <c>smsverify.messages</c>: messages entering a status (<c>queued</c> when accepted for a carrier, then
/// <c>submitted</c>, <c>delivered</c>, <c>failed</c>, <c>expired</c>), tagged <c>status</c>, <c>carrier</c> (of the
/// number) and <c>channel</c> (<c>none</c> before one took it). <c>smsverify.messages.submit_latency</c>: seconds from
/// acceptance to the carrier's accepting the submit; <c>smsverify.messages.receipt_latency</c>: from there to the
/// final receipt.
/// </summary>
/// <remarks>
/// Counted as the change is written, in the write batcher's transaction: a batch that rolls back (rare, and retried
/// by the lease) may count twice. Tag values are interned strings and <see cref="TagList"/> holds them inline, so a
/// measurement allocates nothing.
/// </remarks>
public sealed class MessageMetrics
{
    public const string MeterName = "SmsVerify.Messages";
    private const string NoChannel = "none";

    private static readonly string[] Carriers = Names<Carrier>();
    private static readonly string[] Statuses = Names<MessageStatus>();

    private readonly Counter<long> _messages;
    private readonly Histogram<double> _submitLatency;
    private readonly Histogram<double> _receiptLatency;

    public MessageMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _messages = meter.CreateCounter<long>("smsverify.messages", "{message}", "Messages entering a status.");
        _submitLatency = meter.CreateHistogram<double>("smsverify.messages.submit_latency", "s",
            "From a message's acceptance to the carrier's accepting its submit.");
        _receiptLatency = meter.CreateHistogram<double>("smsverify.messages.receipt_latency", "s",
            "From the carrier's accepting a message to its final receipt.");
    }

    /// <summary>Messages stored to wait for a carrier.</summary>
    public void Queued(List<MessageRecord> messages)
    {
        if (!_messages.Enabled)
        {
            return;
        }
        foreach (var message in messages)
        {
            _messages.Add(1, Tags(message.To, MessageStatus.Queued, null));
        }
    }

    /// <summary>A message that ended without a carrier's receipt: failed, expired in the queue, or its submit never answered.</summary>
    public void Ended(MessageRecord message, MessageStatus status, string? channel = null) => _messages.Add(1, Tags(message.To, status, channel));

    /// <summary>Status changes written with their views: accepted submits, receipts, test numbers' deliveries.</summary>
    public void Changed(IReadOnlyList<(Guid TenantId, MessageView View)> changed)
    {
        if (!_messages.Enabled)
        {
            return;
        }
        foreach (var (_, view) in changed)
        {
            var tags = Tags(view.To, view.Status, view.Channel);
            _messages.Add(1, tags);
            if (view.Status == MessageStatus.Submitted && view.SubmittedAt is { } submitted)
            {
                _submitLatency.Record((submitted - view.CreatedAt).TotalSeconds, tags[0], tags[1]);
            }
            else if (view is { SubmittedAt: { } sent, DoneAt: { } done })
            {
                _receiptLatency.Record((done - sent).TotalSeconds, tags[0], tags[1]);
            }
        }
    }

    /// <summary>A carrier as the <c>carrier</c> tag names it: <c>china_mobile</c>, …, <c>other</c>.</summary>
    public static string CarrierName(Carrier carrier) => Carriers[(int)carrier];

    /// <summary>A status as the <c>status</c> tag (and the API) names it: <c>delivered</c>, <c>failed</c>, ….</summary>
    public static string StatusName(MessageStatus status) => Statuses[(int)status];

    private static TagList Tags(string to, MessageStatus status, string? channel) => new()
    {
        { "carrier", CarrierName(CarrierLookup.Of(to)) },
        { "channel", channel ?? NoChannel },
        { "status", Statuses[(int)status] },
    };

    private static string[] Names<T>() where T : struct, Enum =>
        [.. Enum.GetValues<T>().Select(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()))];
}
