using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SmsVerify.Server.Audit;

/// <summary>
/// One state change, appended and never updated. <see cref="Hash"/> covers every field and the previous record's
/// hash, so changing, removing or reordering any record breaks the chain from there on.
/// </summary>
public sealed class AuditRecord
{
    /// <summary>1, 2, 3, … with no gaps: assigned under the append lock, so order is the order of commits.</summary>
    public long Sequence { get; init; }
    public DateTime At { get; init; }
    public required string Actor { get; init; }
    public Guid? TenantId { get; init; }
    public required string Action { get; init; }
    public required string Target { get; init; }
    public string? RequestId { get; init; }
    public string? Detail { get; init; }
    public required byte[] PreviousHash { get; init; }
    public required byte[] Hash { get; init; }
}

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.ToTable("audit_records");
        builder.HasKey(r => r.Sequence);
        builder.Property(r => r.Sequence).ValueGeneratedNever();
        builder.HasIndex(r => new { r.Target, r.Sequence });
        builder.HasIndex(r => r.At);
        builder.Property(r => r.Actor).HasMaxLength(100);
        builder.Property(r => r.Action).HasMaxLength(64);
        builder.Property(r => r.Target).HasMaxLength(100);
        builder.Property(r => r.RequestId).HasMaxLength(64);
        builder.Property(r => r.Detail).HasMaxLength(2000);
        builder.Property(r => r.PreviousHash).HasMaxLength(32);
        builder.Property(r => r.Hash).HasMaxLength(32);
    }
}
