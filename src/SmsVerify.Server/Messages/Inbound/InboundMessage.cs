using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Signatures;

namespace SmsVerify.Server.Messages.Inbound;

/// <summary>
/// A message from a phone. <see cref="TenantId"/> is null when no signature's extension matched: it is kept for
/// operators rather than dropped, since the carrier was already told it arrived.
/// </summary>
public sealed class InboundMessage
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid? TenantId { get; init; }
    public Guid? SignatureId { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string Text { get; init; }
    public required string Channel { get; init; }
    public bool OptedOut { get; init; }
    public DateTime ReceivedAt { get; init; }
}

/// <summary>A number that asked one signature to stop marketing messages (R, TD, T, STOP, UNSUBSCRIBE).</summary>
public sealed class OptOut
{
    public Guid SignatureId { get; init; }
    public required string Phone { get; init; }
    public Guid TenantId { get; init; }
    public DateTime CreatedAt { get; init; }
}

internal sealed class InboundConfiguration : IEntityTypeConfiguration<InboundMessage>, IEntityTypeConfiguration<OptOut>
{
    public void Configure(EntityTypeBuilder<InboundMessage> builder)
    {
        builder.ToTable("inbound_messages");
        builder.HasIndex(m => new { m.TenantId, m.ReceivedAt });
        builder.Property(m => m.From).HasMaxLength(24);
        builder.Property(m => m.To).HasMaxLength(24);
        builder.Property(m => m.Text).HasMaxLength(InboundMessages.MaxTextLength);
        builder.Property(m => m.Channel).HasMaxLength(32);
    }

    public void Configure(EntityTypeBuilder<OptOut> builder)
    {
        builder.ToTable("opt_outs");
        builder.HasKey(o => new { o.SignatureId, o.Phone });
        builder.HasIndex(o => o.TenantId);
        builder.Property(o => o.Phone).HasMaxLength(16);
        builder.HasOne<Signature>().WithMany().HasForeignKey(o => o.SignatureId).OnDelete(DeleteBehavior.Cascade);
    }
}
