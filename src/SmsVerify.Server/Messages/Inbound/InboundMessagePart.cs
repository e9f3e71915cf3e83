using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SmsVerify.Server.Messages.Inbound;

/// <summary>
/// One part of a long message from a phone, kept until the rest arrive. Parts are stored, not held in memory, so
/// a part the carrier was told we have survives a restart and may come in through another node's bind.
/// </summary>
public sealed class InboundMessagePart
{
    public required string From { get; init; }
    public required string To { get; init; }
    public int Reference { get; init; }
    public int Total { get; init; }
    public int Sequence { get; init; }
    public required string Text { get; init; }
    public required string Channel { get; init; }
    public DateTime ReceivedAt { get; init; }
}

internal sealed class InboundMessagePartConfiguration : IEntityTypeConfiguration<InboundMessagePart>
{
    public void Configure(EntityTypeBuilder<InboundMessagePart> builder)
    {
        builder.ToTable("inbound_message_parts");
        builder.HasKey(p => new { p.From, p.To, p.Reference, p.Total, p.Sequence });
        builder.HasIndex(p => p.ReceivedAt);
        builder.Property(p => p.From).HasMaxLength(24);
        builder.Property(p => p.To).HasMaxLength(24);
        builder.Property(p => p.Text).HasMaxLength(InboundMessages.MaxTextLength);
        builder.Property(p => p.Channel).HasMaxLength(32);
    }
}
