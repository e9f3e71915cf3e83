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
    public Guid QualificationId { get; set; }
    public Guid? ApplicationId { get; set; }
    public required string Name { get; set; }
    public SignatureSource Source { get; set; }
    public SignaturePurpose Purpose { get; set; }
    public string? TrademarkNumber { get; set; }

    /// <summary>
    /// Digits appended to the channel's source number on every message this signature sends, so a reply
    /// (<c>R</c> to opt out, or an answer) comes back addressed to it. Unique across the platform.
    /// </summary>
    public required string Extension { get; init; }
    public int Version { get; set; } = 1;
    public List<DocumentRef> Documents { get; set; } = [];
    public List<Finding> Findings { get; set; } = [];
    public ReviewStatus Status { get; set; }
    public DateTime SubmittedAt { get; set; }
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
        builder.HasIndex(s => s.Extension).IsUnique();
        builder.Property(s => s.Extension).HasMaxLength(SourceExtensions.Length);
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
