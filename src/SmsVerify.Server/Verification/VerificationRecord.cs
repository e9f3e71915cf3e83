using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Verification;

public enum VerificationStatus { Pending, Approved, Expired, Canceled, MaxAttemptsReached }

/// <summary>
/// One verification. The code is never stored in clear: <see cref="CodeHash"/> (HMAC) is what checks compare
/// against, and <see cref="CodeSeal"/> (AES-GCM) exists only while pending, so a resend can carry the same code.
/// </summary>
public sealed class VerificationRecord
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public required string To { get; init; }

    /// <summary>The number block of <see cref="To"/> (<see cref="Risk.Pumping.NumberBlock"/>); null for a test number.</summary>
    public string? Block { get; init; }
    public VerificationStatus Status { get; set; }
    public required byte[] CodeHash { get; init; }
    public byte[]? CodeSeal { get; set; }
    public int CodeLength { get; init; }
    public int CheckAttempts { get; set; }
    public int SendCount { get; set; }
    public required string Signature { get; init; }
    public required string Template { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    public DateTime LastSentAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>The status as clients see it at <paramref name="now"/>: a pending one past its expiry is expired, whether or not a write has said so yet.</summary>
    public static VerificationStatus StatusAt(VerificationStatus status, DateTime expiresAt, DateTime now) =>
        status == VerificationStatus.Pending && expiresAt <= now ? VerificationStatus.Expired : status;
}

internal sealed class VerificationRecordConfiguration : IEntityTypeConfiguration<VerificationRecord>
{
    public void Configure(EntityTypeBuilder<VerificationRecord> builder)
    {
        builder.ToTable("verifications");
        // A number's verifications newest first: its pending one (resends) and its latest (checks by number), both read
        // in order and stopped at the first row.
        builder.HasIndex(v => new { v.TenantId, v.To, v.Id });
        // The pumping detector: every block's sends in the recent window, then one tenant's block over its baseline.
        builder.HasIndex(v => v.CreatedAt);
        // Block leads: an index led by TenantId alone looks as good as the one above to PostgreSQL's planner while a
        // young table's statistics still say it is empty, and then every lookup by number reads all the tenant's rows.
        builder.HasIndex(v => new { v.Block, v.TenantId, v.CreatedAt });
        builder.Property(v => v.Block).HasMaxLength(Risk.Pumping.NumberBlock.MaxLength);
        builder.Property(v => v.To).HasMaxLength(16);
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(v => v.CodeHash).HasMaxLength(32);
        builder.Property(v => v.CodeSeal).HasMaxLength(64);
        builder.Property(v => v.Signature).HasMaxLength(40);
        builder.Property(v => v.Template).HasMaxLength(40);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(v => v.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
