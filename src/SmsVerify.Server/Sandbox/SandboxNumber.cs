using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Sandbox;

/// <summary>A tenant's virtual test number: messages to it land in its inbox and never reach a carrier.</summary>
public sealed class SandboxNumber
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public required string Phone { get; init; }

    /// <summary>When set, every verification to this number uses this code (for automated UI tests).</summary>
    public string? FixedCode { get; init; }

    public DateTime CreatedAt { get; init; }
}

internal sealed class SandboxNumberConfiguration : IEntityTypeConfiguration<SandboxNumber>
{
    public void Configure(EntityTypeBuilder<SandboxNumber> builder)
    {
        builder.ToTable("sandbox_numbers");
        builder.HasIndex(n => new { n.TenantId, n.Phone }).IsUnique();
        builder.Property(n => n.Phone).HasMaxLength(16);
        builder.Property(n => n.FixedCode).HasMaxLength(8);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(n => n.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
