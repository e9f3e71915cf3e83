using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// A node running a delivery worker on PostgreSQL, by its last heartbeat (see <see cref="DeliveryNodes"/>). The row
/// lives as long as the node beats; another node deletes it, and frees its claims, when the beats stop.
/// </summary>
public sealed class DeliveryNodeRecord
{
    public Guid Id { get; init; }

    /// <summary>The database's own time, so the nodes' clocks need not agree to within the timeout.</summary>
    public DateTime HeartbeatAt { get; set; }
}

internal sealed class DeliveryNodeRecordConfiguration : IEntityTypeConfiguration<DeliveryNodeRecord>
{
    public void Configure(EntityTypeBuilder<DeliveryNodeRecord> builder) => builder.ToTable("delivery_nodes");
}
