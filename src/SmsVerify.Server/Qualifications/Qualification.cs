using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Documents;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Review;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Qualifications;

public enum RiskLevel { Normal, High }

public enum LicenceStatus { Normal, Abnormal, Cancelled, Revoked }

/// <summary>A document attached to a submission, by the form field it came in.</summary>
public sealed record DocumentRef(string Field, Guid Id, DocumentType Type, long Size, string Sha256);

/// <summary>
/// Who is sending: one submission of a tenant's qualification. A resubmission is a new row with the next
/// version, so the history of what was submitted and decided stays whole.
/// </summary>
public sealed class Qualification : IReviewable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public int Version { get; init; }
    public TenantKind Kind { get; init; }
    public ReviewStatus Status { get; set; }
    public RiskLevel RiskLevel { get; init; }

    /// <summary>The real name (personal) or the company name (enterprise): what filings must match exactly.</summary>
    public required string SubjectName { get; init; }

    /// <summary>The person identified: the individual, or the enterprise's legal representative.</summary>
    public required string PersonName { get; init; }
    public required string IdNumberMasked { get; init; }
    public required byte[] IdNumberSealed { get; init; }

    public string? CreditCode { get; init; }
    public LicenceStatus? LicenceStatus { get; init; }
    public DateOnly? EstablishedOn { get; init; }
    public string? Industry { get; init; }
    public List<Finding> Findings { get; init; } = [];
    public List<DocumentRef> Documents { get; init; } = [];
    public DateTime SubmittedAt { get; init; }

    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecisionNote { get; set; }
}

internal sealed class QualificationConfiguration : IEntityTypeConfiguration<Qualification>
{
    public void Configure(EntityTypeBuilder<Qualification> builder)
    {
        builder.ToTable("qualifications");
        builder.HasIndex(q => new { q.TenantId, q.Version }).IsUnique();
        builder.Property(q => q.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(q => q.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(q => q.RiskLevel).HasConversion<string>().HasMaxLength(16);
        builder.Property(q => q.LicenceStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(q => q.SubjectName).HasMaxLength(QualificationForm.MaxNameLength);
        builder.Property(q => q.PersonName).HasMaxLength(QualificationForm.MaxNameLength);
        builder.Property(q => q.IdNumberMasked).HasMaxLength(18);
        builder.Property(q => q.IdNumberSealed).HasMaxLength(64);
        builder.Property(q => q.CreditCode).HasMaxLength(18);
        builder.Property(q => q.Industry).HasMaxLength(QualificationForm.MaxNameLength);
        builder.Property(q => q.DecidedBy).HasMaxLength(100);
        builder.Property(q => q.DecisionNote).HasMaxLength(ReviewApi.MaxNoteLength);
        builder.HasIndex(q => new { q.Status, q.SubmittedAt });
        // Findings and document references are read and written with their submission, never queried alone.
        builder.Property(q => q.Findings).HasJsonConversion();
        builder.Property(q => q.Documents).HasJsonConversion();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(q => q.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
