using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Webhooks;

/// <summary>
/// Where a tenant wants its events, one URL per tenant. The signing secret is sealed, not hashed: the server
/// needs it back to sign every delivery.
/// </summary>
public sealed class WebhookEndpoint
{
    public Guid TenantId { get; init; }
    public required string Url { get; set; }
    public List<string> Events { get; set; } = [];

    /// <summary>The shape of the bodies posted (<see cref="WebhookFormat"/>).</summary>
    public WebhookFormat Format { get; set; }
    public required byte[] SecretSealed { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("webhook_endpoints");
        builder.HasKey(e => e.TenantId);
        builder.Property(e => e.Url).HasMaxLength(WebhooksApi.MaxUrlLength);
        builder.Property(e => e.SecretSealed).HasMaxLength(128);
        builder.Property(e => e.Events).HasJsonConversion();
        builder.Property(e => e.Format).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
