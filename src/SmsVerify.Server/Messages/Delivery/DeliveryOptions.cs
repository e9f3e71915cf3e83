using System.ComponentModel.DataAnnotations;

namespace SmsVerify.Server.Messages.Delivery;

public sealed class DeliveryOptions
{
    /// <summary>Off, this node only takes API traffic and leaves the queue to the nodes that run a worker.</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>How often a node looks for queued messages when nothing woke it (work queued on other nodes).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages claimed per round.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// Submits in flight at once on this node, counted until each one's outcome is written: enough to fill the
    /// channels' SMPP windows (64 by default) while the outcomes of the last ones are still being committed.
    /// </summary>
    [Range(1, 1024)]
    public int Concurrency { get; set; } = 128;

    /// <summary>
    /// How long a claim lasts; a worker that dies mid-submit leaves a message that is retried as "outcome unknown"
    /// after it, unless its node is known to be gone sooner (a restart on SQLite, <see cref="NodeTimeout"/> on PostgreSQL).
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a node that runs a worker on PostgreSQL says it is alive (<see cref="DeliveryNode"/>).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a node's heartbeat may be silent before other nodes free its claims: five beats, so that a node that
    /// only paused (a garbage collection, a slow disk) keeps them.
    /// </summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Submits a message may have whose outcome could be that the carrier has it: written and never answered, the
    /// link gone first. Each one may have reached the phone, so this bounds the copies; after the last such submit
    /// the message fails as <c>outcome_unknown</c>. Refusals do not count: a message a channel refuses for a passing
    /// reason waits for one that takes it, until <see cref="GiveUpAfter"/>.
    /// </summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// How long a message may wait for a channel that takes it (none up, breakers open, carriers throttling or
    /// answering system errors) before it fails and is refunded; a code fails sooner, when it expires.
    /// </summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long carrier message ids are kept for receipts.</summary>
    [Range(1, 24 * 90)]
    public int ReceiptWindowHours { get; set; } = 72;
}
