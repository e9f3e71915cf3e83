using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Webhooks;

public enum DeliveryStatus { Pending, Delivered, Failed }

/// <summary>
/// One event on its way to a tenant: written in the transaction of the change it reports (so no event is lost
/// or sent for a change that rolled back), then posted by the dispatcher until the tenant answers 2xx or the
/// attempts run out.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public required string Event { get; init; }

    /// <summary>The exact body posted and signed, fixed when the event happens.</summary>
    public required string Payload { get; init; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime NextAttemptAt { get; set; }

    /// <summary>A dispatcher's claim: others leave the row alone until then (a crashed node's claim expires).</summary>
    public DateTime? LockedUntil { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTime? DeliveredAt { get; set; }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.Property(d => d.Event).HasMaxLength(64);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.LastError).HasMaxLength(300);
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new { d.TenantId, d.CreatedAt });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
