using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Messages;

/// <summary>
/// The first answer to a request sent with an <c>Idempotency-Key</c>, kept 24 hours: the same key with the same body
/// gets this answer again and sends nothing; with another body it is refused.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 255;

    public Guid TenantId { get; init; }
    public required string Key { get; init; }
    public required byte[] RequestHash { get; init; }
    public int StatusCode { get; init; }
    public required string Response { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.HasKey(r => new { r.TenantId, r.Key });
        builder.HasIndex(r => r.ExpiresAt);
        builder.Property(r => r.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
        builder.Property(r => r.RequestHash).HasMaxLength(32);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
