using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Messages.Delivery;

namespace SmsVerify.Server.Messages;

/// <summary>
/// One SMS of a message as a carrier knows it, by the id its submit returned: what a delivery receipt names. Kept
/// at least <c>Delivery:ReceiptWindowHours</c> (72 h) so late receipts still find their message. Carriers reuse
/// ids (an SMSC that restarts numbers from the start again), so one id may name several parts of one channel: a
/// receipt settles the newest of them.
/// </summary>
public sealed class MessagePart
{
    public long Id { get; init; }
    public required string Channel { get; init; }
    public required string CarrierMessageId { get; init; }
    public Guid MessageId { get; init; }
    public int Index { get; init; }
    public ReceiptOutcome? Outcome { get; set; }
    public string? ErrorCode { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? DoneAt { get; set; }
}

/// <summary>A receipt that arrived before its submit's answer was stored (or for no message at all); matched later or counted.</summary>
public sealed class UnmatchedReceipt
{
    public long Id { get; init; }
    public required string Channel { get; init; }
    public required string CarrierMessageId { get; init; }
    public ReceiptOutcome Outcome { get; init; }
    public string? ErrorCode { get; init; }
    public DateTime? DoneAt { get; init; }
    public DateTime ReceivedAt { get; init; }
}

internal sealed class MessagePartConfiguration : IEntityTypeConfiguration<MessagePart>, IEntityTypeConfiguration<UnmatchedReceipt>
{
    public void Configure(EntityTypeBuilder<MessagePart> builder)
    {
        builder.ToTable("message_parts");
        builder.HasIndex(p => new { p.Channel, p.CarrierMessageId });
        builder.HasIndex(p => p.MessageId);
        builder.HasIndex(p => p.CreatedAt);
        builder.Property(p => p.Channel).HasMaxLength(32);
        builder.Property(p => p.CarrierMessageId).HasMaxLength(CarrierFields.MessageIdLength);
        builder.Property(p => p.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.ErrorCode).HasMaxLength(CarrierFields.ErrorCodeLength);
        builder.HasOne<MessageRecord>().WithMany().HasForeignKey(p => p.MessageId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<UnmatchedReceipt> builder)
    {
        builder.ToTable("unmatched_receipts");
        builder.HasIndex(r => new { r.Channel, r.CarrierMessageId });
        // The heartbeat's sweep and the hourly prune look receipts up by age.
        builder.HasIndex(r => r.ReceivedAt);
        builder.Property(r => r.Channel).HasMaxLength(32);
        builder.Property(r => r.CarrierMessageId).HasMaxLength(CarrierFields.MessageIdLength);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.ErrorCode).HasMaxLength(CarrierFields.ErrorCodeLength);
    }
}
