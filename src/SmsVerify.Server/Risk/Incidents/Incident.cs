using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Content;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Risk.Breakers;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Risk.Incidents;

public enum IncidentStatus { Open, Closed }

/// <summary>What opened the incident: a circuit breaker tripped by content violations, or a number block blocked for pumping.</summary>
public enum IncidentKind { Breaker, Pumping }

/// <summary>A refused message quoted as evidence, with its verification code masked.</summary>
public sealed record IncidentSample(DateTime At, string Signature, string Template, List<string> Reasons, string Text);

/// <summary>Something done about the incident: the breaker opened (by the system) or reset (by whom, and why).</summary>
public sealed record IncidentAction(DateTime At, string Action, string Actor, string? Reason);

public sealed record ReasonCount(string Code, int Count);

/// <summary>
/// What a breaker trip or a pumping block records for the risk team and the regulator's bad-SMS reporting centre
/// (12321): who sent (tenant and qualification), under which signature and template or to which number block, what
/// was refused, how often, and what was done.
/// </summary>
public sealed class Incident
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public required string TenantName { get; init; }
    public Guid? QualificationId { get; init; }

    /// <summary>The approved qualification's subject (company or person) and, for a company, its credit code.</summary>
    public string? QualificationSubject { get; init; }
    public string? QualificationCreditCode { get; init; }
    public IncidentKind Kind { get; init; }

    /// <summary>For a breaker incident: the breaker and its scope.</summary>
    public Guid? BreakerId { get; init; }
    public BreakerScope? Scope { get; init; }

    /// <summary>For a pumping incident: the block (<c>risk_blocks</c>) and the number block it names.</summary>
    public Guid? BlockId { get; init; }
    public string? Block { get; init; }
    public string? Signature { get; init; }
    public string? Template { get; init; }
    public IncidentStatus Status { get; set; }
    public int Violations { get; init; }
    public DateTime FirstViolationAt { get; init; }
    public DateTime LastViolationAt { get; init; }
    public DateTime OpenedAt { get; init; }
    public DateTime? ClosedAt { get; set; }
    public List<ReasonCount> ReasonCounts { get; init; } = [];
    public List<IncidentSample> Samples { get; init; } = [];
    public List<IncidentAction> Actions { get; set; } = [];
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("risk_incidents");
        builder.Property(i => i.TenantName).HasMaxLength(TenantsApi.MaxNameLength);
        builder.Property(i => i.QualificationSubject).HasMaxLength(Qualifications.QualificationForm.MaxNameLength);
        builder.Property(i => i.QualificationCreditCode).HasMaxLength(18);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Scope).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Block).HasMaxLength(Pumping.NumberBlock.MaxLength);
        builder.HasIndex(i => i.BlockId);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Signature).HasMaxLength(SendParameters.MaxNameLength);
        builder.Property(i => i.Template).HasMaxLength(SendParameters.MaxNameLength);
        // Evidence read and written with the incident, never queried alone.
        builder.Property(i => i.ReasonCounts).HasJsonConversion();
        builder.Property(i => i.Samples).HasJsonConversion();
        builder.Property(i => i.Actions).HasJsonConversion();
        builder.HasIndex(i => new { i.Status, i.OpenedAt });
        builder.HasIndex(i => new { i.TenantId, i.OpenedAt });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
