using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Review;
using SmsVerify.Server.Templates.Rules;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Templates;

/// <summary>
/// A message template of a tenant, named by its code (<c>SMS_…</c>) as the hosted platforms name theirs. A change
/// of content sends it back to review as its next version; the audit trail keeps what each version said.
/// </summary>
public sealed class SmsTemplate : IReviewable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public required string Code { get; init; }
    public int Version { get; set; } = 1;
    public required string Name { get; set; }
    public TemplateType Type { get; set; }
    public required string Content { get; set; }
    public required string Scenario { get; set; }
    public Guid? ApplicationId { get; set; }
    public List<TemplateVariable> Variables { get; set; } = [];
    public List<Finding> Findings { get; set; } = [];
    public ReviewStatus Status { get; set; }
    public DateTime SubmittedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecisionNote { get; set; }
}

internal sealed class SmsTemplateConfiguration : IEntityTypeConfiguration<SmsTemplate>
{
    public void Configure(EntityTypeBuilder<SmsTemplate> builder)
    {
        builder.ToTable("templates");
        builder.HasIndex(t => new { t.TenantId, t.Code }).IsUnique();
        builder.HasIndex(t => new { t.Status, t.SubmittedAt });
        builder.Property(t => t.Code).HasMaxLength(24);
        builder.Property(t => t.Name).HasMaxLength(TemplateRules.MaxNameLength);
        builder.Property(t => t.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Content).HasMaxLength(TemplateRules.MaxContentLength);
        builder.Property(t => t.Scenario).HasMaxLength(TemplateRules.MaxScenarioLength);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(t => t.DecidedBy).HasMaxLength(100);
        builder.Property(t => t.DecisionNote).HasMaxLength(ReviewApi.MaxNoteLength);
        builder.Property(t => t.Variables).HasJsonConversion();
        builder.Property(t => t.Findings).HasJsonConversion();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
