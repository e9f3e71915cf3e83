using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Content;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Risk.Screening;

/// <summary>
/// One send refused for its content: who sent what, why, and the text as it would have gone out with its code
/// masked. Breakers count these; an incident quotes them as samples.
/// </summary>
public sealed class ContentViolation
{
    public const int MaxSampleLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public required string Signature { get; init; }
    public required string Template { get; init; }

    /// <summary>The reason codes, comma-separated (<c>link,marketing_wording</c>).</summary>
    public required string Reasons { get; init; }
    public required string Sample { get; init; }
    public DateTime At { get; init; }
}

internal sealed class ContentViolationConfiguration : IEntityTypeConfiguration<ContentViolation>
{
    public void Configure(EntityTypeBuilder<ContentViolation> builder)
    {
        builder.ToTable("risk_violations");
        builder.Property(v => v.Signature).HasMaxLength(SendParameters.MaxNameLength);
        builder.Property(v => v.Template).HasMaxLength(SendParameters.MaxNameLength);
        builder.Property(v => v.Reasons).HasMaxLength(200);
        builder.Property(v => v.Sample).HasMaxLength(ContentViolation.MaxSampleLength);
        // The breakers count by tenant, then signature or template, over a recent window.
        builder.HasIndex(v => new { v.TenantId, v.At });
        builder.HasIndex(v => new { v.TenantId, v.Template, v.At });
        builder.HasIndex(v => new { v.TenantId, v.Signature, v.At });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(v => v.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
