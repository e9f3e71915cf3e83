using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Sandbox;

/// <summary>
/// A message as the test phone shows it, code included: the inbox is the phone. It belongs to the tenant that
/// sent it and goes when the test number is deleted.
/// </summary>
public sealed class InboxMessage
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public required string To { get; init; }
    public required string Text { get; init; }
    public Guid MessageId { get; init; }
    public DateTime ReceivedAt { get; init; }
}

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.ToTable("sandbox_inbox");
        builder.HasIndex(m => new { m.TenantId, m.To, m.ReceivedAt });
        builder.Property(m => m.To).HasMaxLength(16);
        builder.Property(m => m.Text).HasMaxLength(1000);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
