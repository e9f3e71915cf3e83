using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Qualifications;
using SmsVerify.Server.Review;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.RealPerson;

/// <summary>Whose face is checked: the individual of a personal qualification, or an enterprise's legal representative.</summary>
public enum RealPersonRole { Holder, LegalRepresentative }

/// <summary>
/// One real-person verification of the person a qualification names: the selfie or video they sent, which
/// provider judged it, and the result. Approved means the person is who the ID says, under the name the provider
/// (or the auditor reading the ID) found; a name that differs from the declared one rejects the qualification.
/// </summary>
public sealed class RealPersonCheck : IReviewable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public Guid QualificationId { get; init; }
    public RealPersonRole Role { get; init; }
    public required string Provider { get; init; }
    public required string DeclaredName { get; init; }
    public string? VerifiedName { get; set; }
    public required DocumentRef Media { get; init; }
    public ReviewStatus Status { get; set; }
    public DateTime SubmittedAt { get; init; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecisionNote { get; set; }
}

internal sealed class RealPersonCheckConfiguration : IEntityTypeConfiguration<RealPersonCheck>
{
    public void Configure(EntityTypeBuilder<RealPersonCheck> builder)
    {
        builder.ToTable("real_person_checks");
        builder.HasIndex(c => c.QualificationId);
        builder.HasIndex(c => new { c.Status, c.SubmittedAt });
        builder.Property(c => c.Role).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.Provider).HasMaxLength(32);
        builder.Property(c => c.DeclaredName).HasMaxLength(QualificationForm.MaxNameLength);
        builder.Property(c => c.VerifiedName).HasMaxLength(QualificationForm.MaxNameLength);
        builder.Property(c => c.DecidedBy).HasMaxLength(100);
        builder.Property(c => c.DecisionNote).HasMaxLength(ReviewApi.MaxNoteLength);
        builder.Property(c => c.Media).HasJsonRecordConversion();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Qualification>().WithMany().HasForeignKey(c => c.QualificationId).OnDelete(DeleteBehavior.Cascade);
    }
}
