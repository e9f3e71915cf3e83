using System.ComponentModel.DataAnnotations.Schema;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Messages;

/// <summary>Where a message is: waiting for a carrier, handed to one, and what its receipts said.</summary>
public enum MessageStatus { Queued, Submitted, Delivered, Failed, Expired }

/// <summary>
/// One message to one phone, from the moment the API accepts it. It keeps the text with any code masked: the log
/// is read by operators and kept long, and a code in it would be a live credential. The whole text waits sealed in
/// <see cref="TextSeal"/> only until a carrier has it.
/// </summary>
public sealed class MessageRecord
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public required string To { get; init; }
    public required string Signature { get; init; }
    public required string Template { get; init; }
    public required string MaskedText { get; init; }

    /// <summary>
    /// Only for a message delivered to a test number: the text as that virtual phone shows it, code included.
    /// These texts are the sandbox inbox; deleting the test number erases them and keeps the masked log.
    /// </summary>
    public string? SandboxText { get; set; }

    /// <summary>The whole text, sealed with AES-GCM to this message's id, while it waits for a carrier.</summary>
    public byte[]? TextSeal { get; set; }

    /// <summary>The signature's extension, appended to the channel's source number so replies find it.</summary>
    public string? SourceExtension { get; init; }
    public int Segments { get; init; }

    /// <summary>
    /// The carrier ids the accepted submit returned, and how many of them receipts have called delivered: the
    /// message is delivered when all have been. Counted on the row itself, so receipts for two parts settle it
    /// correctly even when two nodes apply them at once.
    /// </summary>
    public int PartCount { get; set; }
    public int DeliveredParts { get; set; }

    /// <summary>The channel that took it (or <c>sandbox</c> for test numbers); null while queued.</summary>
    public string? Channel { get; set; }
    public MessageStatus Status { get; set; }
    public string? ErrorCode { get; set; }

    /// <summary>In ten-thousandths of a yuan, charged when accepted, refunded if it fails before a carrier has it.</summary>
    public long Cost { get; set; }
    public Guid? VerificationId { get; init; }

    /// <summary>Past this a queued message is not worth sending (a verification code that has expired).</summary>
    public DateTime? NotAfter { get; init; }

    /// <summary>
    /// The queue's order: <see cref="CodePriority"/> (a verification code, from the verification API or a message
    /// with a verification template) is claimed before everything else, so a bulk send queued ahead of it does not
    /// keep a code from its reader for as long as the carriers take to work through the bulk.
    /// </summary>
    public int Priority { get; init; } = OtherPriority;

    public const int CodePriority = 0;
    public const int OtherPriority = 1;

    /// <summary>Submit attempts, and the lease a worker holds while it submits.</summary>
    public int Attempts { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public DateTime? NextAttemptAt { get; set; }

    /// <summary>Names the claim that holds the lease, so an outcome is written only by the worker that still holds it.</summary>
    public Guid? ClaimToken { get; set; }

    /// <summary>
    /// The node (<see cref="Delivery.DeliveryNode"/>) that took the last claim, so that its claims can be freed as soon
    /// as it is known to be gone rather than when their leases run out. Left as it was when the claim ends.
    /// </summary>
    public Guid? ClaimedBy { get; set; }

    /// <summary>
    /// The sender's own reference for this message, returned with its status: Alibaba's <c>OutId</c>, Tencent's
    /// <c>SessionContext</c>. Null when the door it came through has none.
    /// </summary>
    public string? ClientReference { get; set; }

    /// <summary>Tencent allows 512 bytes of SessionContext, Alibaba 256 characters of OutId.</summary>
    public const int MaxClientReferenceLength = 512;

    /// <summary>A carrier may have it though it never said so (the link died mid-submit): never submitted again.</summary>
    public bool OutcomeUnknown { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? SubmittedAt { get; set; }
    public DateTime? DoneAt { get; set; }

    /// <summary>The trace of the request that accepted it, as this node's handover carries it (<see cref="MessageTracing"/>).</summary>
    [NotMapped]
    public ActivityContext? Trace { get; init; }

    /// <summary>
    /// The same trace as a W3C <c>traceparent</c>, stored so that a claim from the queue and the receipt continue it;
    /// null unless the accepting request's span was recorded.
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary><c>00-</c>, 32 hex digits of trace id, <c>-</c>, 16 of span id, <c>-</c>, 2 of flags.</summary>
    public const int TraceParentLength = 55;
}

internal sealed class MessageRecordConfiguration : IEntityTypeConfiguration<MessageRecord>
{
    public void Configure(EntityTypeBuilder<MessageRecord> builder)
    {
        builder.ToTable("messages");
        builder.HasIndex(m => new { m.TenantId, m.CreatedAt });
        builder.HasIndex(m => new { m.TenantId, m.To, m.CreatedAt });
        builder.HasIndex(m => m.VerificationId);
        // The queue: workers look for queued messages due now, codes first.
        builder.HasIndex(m => new { m.Status, m.Priority, m.NextAttemptAt });
        builder.Property(m => m.To).HasMaxLength(16);
        builder.Property(m => m.Signature).HasMaxLength(40);
        builder.Property(m => m.Template).HasMaxLength(40);
        builder.Property(m => m.ClientReference).HasMaxLength(MessageRecord.MaxClientReferenceLength);
        builder.Property(m => m.MaskedText).HasMaxLength(1000);
        builder.Property(m => m.SandboxText).HasMaxLength(1000);
        builder.Property(m => m.TextSeal).HasMaxLength(4096);
        builder.Property(m => m.SourceExtension).HasMaxLength(8);
        builder.Property(m => m.Channel).HasMaxLength(32);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.ErrorCode).HasMaxLength(64);
        builder.Property(m => m.TraceParent).HasMaxLength(MessageRecord.TraceParentLength);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
