using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SmsVerify.Server.Tenants;

/// <summary>
/// A key as stored: its SHA-256 hash (the key has 256 bits of entropy, so an unkeyed hash is enough) and a short
/// prefix that lets people tell keys apart. A tenant key has a tenant; an operator key has a role instead.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid? TenantId { get; init; }
    public string? Role { get; init; }
    public required byte[] Hash { get; init; }
    public required string Prefix { get; init; }
    public DateTime CreatedAt { get; init; }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.HasIndex(k => k.TenantId);
        builder.Property(k => k.Hash).HasMaxLength(32);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.Role).HasMaxLength(16);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(k => k.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
