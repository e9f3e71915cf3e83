using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Qualifications;
using SmsVerify.Server.Review;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.LandingApps;

public enum LandingAppKind { Website, App, Miniprogram }

/// <summary>
/// Where the codes are used: a website, app or mini-program with its ICP filing. Its filing subject must be the
/// qualification's subject, character for character (the "trinity" of subject, filing and signature).
/// </summary>
public sealed class LandingApp : IReviewable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public Guid QualificationId { get; init; }

    /// <summary>1 for a first submission; a resubmission of a rejected application is the next version, linked to it.</summary>
    public int Version { get; init; } = 1;
    public Guid? ReplacesId { get; init; }
    public LandingAppKind Kind { get; init; }
    public required string Name { get; init; }
    public string? Domain { get; init; }
    public string? StoreLink { get; init; }

    /// <summary>An app's Android package name, such as <c>com.example.shop</c>: what its app hashes were computed for.</summary>
    public string? AndroidPackage { get; set; }

    /// <summary>
    /// An app's SMS Retriever hashes (one per signing key: release, debug). Once the app is approved, a verification may
    /// carry one of them; they are no text a reader sees, so registering them is audited, not reviewed again.
    /// </summary>
    public List<string> AppHashes { get; set; } = [];
    public required string IcpNumber { get; init; }
    public required string FilingSubject { get; init; }
    public ReviewStatus Status { get; set; }
    public List<Finding> Findings { get; init; } = [];
    public DateTime SubmittedAt { get; init; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecisionNote { get; set; }
}

internal sealed class LandingAppConfiguration : IEntityTypeConfiguration<LandingApp>
{
    public void Configure(EntityTypeBuilder<LandingApp> builder)
    {
        builder.ToTable("landing_apps");
        builder.HasIndex(a => a.TenantId);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.Name).HasMaxLength(LandingAppsApi.MaxNameLength);
        builder.Property(a => a.Domain).HasMaxLength(LandingAppsApi.MaxAddressLength);
        builder.Property(a => a.StoreLink).HasMaxLength(LandingAppsApi.MaxAddressLength);
        builder.Property(a => a.AndroidPackage).HasMaxLength(LandingAppHashes.MaxPackageLength);
        builder.Property(a => a.AppHashes).HasJsonConversion();
        builder.Property(a => a.IcpNumber).HasMaxLength(40);
        builder.Property(a => a.FilingSubject).HasMaxLength(QualificationForm.MaxNameLength);
        builder.Property(a => a.Findings).HasJsonConversion();
        builder.Property(a => a.DecidedBy).HasMaxLength(100);
        builder.Property(a => a.DecisionNote).HasMaxLength(ReviewApi.MaxNoteLength);
        builder.HasIndex(a => new { a.Status, a.SubmittedAt });
        // One resubmission per rejected application, so its history is a line, not a tree.
        builder.HasIndex(a => a.ReplacesId).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Qualification>().WithMany().HasForeignKey(a => a.QualificationId).OnDelete(DeleteBehavior.Restrict);
    }
}
