using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SmsVerify.Server.Audit;

/// <summary>
/// Where the trail starts after records were pruned: one row per export file, written in the transaction that deleted
/// the file's records. The newest row's <see cref="Hash"/> is what the first remaining record must chain to.
/// </summary>
public sealed class AuditAnchor
{
    /// <summary>The last record pruned (and the last one in <see cref="FileName"/>).</summary>
    public long Sequence { get; init; }

    /// <summary>The first record in <see cref="FileName"/>.</summary>
    public long FromSequence { get; init; }

    /// <summary>The hash of record <see cref="Sequence"/>.</summary>
    public required byte[] Hash { get; init; }

    public DateTime PrunedAt { get; init; }

    /// <summary>The export file under <c>Audit:ExportPath</c> holding records <see cref="FromSequence"/> to <see cref="Sequence"/>.</summary>
    public required string FileName { get; init; }

    /// <summary>SHA-256 of the export file's bytes, so a copy kept elsewhere can be matched to this row.</summary>
    public required byte[] FileSha256 { get; init; }
}

internal sealed class AuditAnchorConfiguration : IEntityTypeConfiguration<AuditAnchor>
{
    public void Configure(EntityTypeBuilder<AuditAnchor> builder)
    {
        builder.ToTable("audit_anchors");
        builder.HasKey(a => a.Sequence);
        builder.Property(a => a.Sequence).ValueGeneratedNever();
        builder.Property(a => a.Hash).HasMaxLength(32);
        builder.Property(a => a.FileName).HasMaxLength(200);
        builder.Property(a => a.FileSha256).HasMaxLength(32);
    }
}
