using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Qualifications;
using SmsVerify.Server.Review;
using SmsVerify.Server.Signatures.Rules;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Signatures;

/// <summary>A signature, the name shown in 【】, tied to the qualification (and application) that proves it.</summary>
public sealed class Signature : IReviewable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public Guid QualificationId { get; init; }
    public Guid? ApplicationId { get; init; }
    public required string Name { get; init; }
    public SignatureSource Source { get; init; }
    public SignaturePurpose Purpose { get; init; }
    public string? TrademarkNumber { get; init; }
    public List<DocumentRef> Documents { get; init; } = [];
    public List<Finding> Findings { get; init; } = [];
    public ReviewStatus Status { get; set; }
    public DateTime SubmittedAt { get; init; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecisionNote { get; set; }
}

internal sealed class SignatureConfiguration : IEntityTypeConfiguration<Signature>
{
    public void Configure(EntityTypeBuilder<Signature> builder)
    {
        builder.ToTable("signatures");
        builder.HasIndex(s => new { s.TenantId, s.Name });
        builder.HasIndex(s => new { s.Status, s.SubmittedAt });
        builder.Property(s => s.Name).HasMaxLength(SignatureForm.MaxNameLength);
        builder.Property(s => s.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Purpose).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.TrademarkNumber).HasMaxLength(20);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(s => s.DecidedBy).HasMaxLength(100);
        builder.Property(s => s.DecisionNote).HasMaxLength(ReviewApi.MaxNoteLength);
        builder.Property(s => s.Documents).HasJsonConversion();
        builder.Property(s => s.Findings).HasJsonConversion();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Qualification>().WithMany().HasForeignKey(s => s.QualificationId).OnDelete(DeleteBehavior.Restrict);
    }
}
