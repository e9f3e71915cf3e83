using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Content;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Risk.Breakers;

/// <summary>What a breaker stops: one template, one signature (all its templates), or the whole tenant.</summary>
public enum BreakerScope { Template, Signature, Tenant }

public enum BreakerStatus { Open, Reset }

/// <summary>
/// A circuit breaker that content violations opened: while open, every send in its scope is refused on every
/// node. It stays open until a risk officer resets it with a reason; the row stays as history.
/// </summary>
public sealed class Breaker
{
    public const int MaxReasonLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public BreakerScope Scope { get; init; }

    /// <summary>The template code or signature name it stops; empty for a tenant breaker.</summary>
    public required string Key { get; init; }
    public BreakerStatus Status { get; set; }

    /// <summary>
    /// The scope and key while open, null once reset. Unique per tenant, so two nodes tripping the same breaker at
    /// once make one open row (both engines let any number of nulls share a unique index).
    /// </summary>
    public string? OpenKey { get; set; }
    public int Violations { get; init; }
    public DateTime OpenedAt { get; init; }
    public Guid IncidentId { get; init; }
    public DateTime? ResetAt { get; set; }
    public string? ResetBy { get; set; }
    public string? ResetReason { get; set; }

    public static string OpenKeyOf(BreakerScope scope, string key) => $"{scope}:{key}";
}

internal sealed class BreakerConfiguration : IEntityTypeConfiguration<Breaker>
{
    public void Configure(EntityTypeBuilder<Breaker> builder)
    {
        builder.ToTable("risk_breakers");
        builder.Property(b => b.Scope).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.Key).HasMaxLength(SendParameters.MaxNameLength);
        builder.Property(b => b.OpenKey).HasMaxLength(SendParameters.MaxNameLength + 16);
        builder.Property(b => b.ResetBy).HasMaxLength(100);
        builder.Property(b => b.ResetReason).HasMaxLength(Breaker.MaxReasonLength);
        builder.HasIndex(b => new { b.TenantId, b.OpenKey }).IsUnique();
        // Every node reads the open ones every second.
        builder.HasIndex(b => b.Status);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(b => b.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
