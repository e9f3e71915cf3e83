using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Risk.Pumping;

public enum RiskBlockStatus { Active, Lifted, Expired }

/// <summary>
/// A number block one tenant may not send to, because its verifications there looked pumped: what the detector saw
/// (<see cref="Sends"/> and <see cref="Approved"/> between <see cref="WindowStart"/> and <see cref="WindowEnd"/>,
/// against <see cref="BaselineSends"/> in an average window before), and, once lifted, who lifted it and why.
/// </summary>
public sealed class RiskBlock
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public required string Block { get; init; }
    public DateTime CreatedAt { get; init; }

    /// <summary>Null: until lifted.</summary>
    public DateTime? ExpiresAt { get; init; }

    public DateTime WindowStart { get; init; }
    public DateTime WindowEnd { get; init; }
    public int Sends { get; init; }
    public int Approved { get; init; }
    public double BaselineSends { get; init; }
    public DateTime? LiftedAt { get; set; }
    public string? LiftedBy { get; set; }
    public string? LiftReason { get; set; }

    public RiskBlockStatus StatusAt(DateTime now) =>
        LiftedAt is not null ? RiskBlockStatus.Lifted : ExpiresAt <= now ? RiskBlockStatus.Expired : RiskBlockStatus.Active;

    /// <summary>
    /// From when the detector may judge the block again: sends before the block, or before it was lifted or ran out,
    /// were judged already and must not bring it straight back.
    /// </summary>
    public DateTime ClearedAt(DateTime now) =>
        LiftedAt ?? (ExpiresAt is { } expires && expires <= now ? expires : CreatedAt);
}

internal sealed class RiskBlockConfiguration : IEntityTypeConfiguration<RiskBlock>
{
    public const int MaxReasonLength = 200;

    public void Configure(EntityTypeBuilder<RiskBlock> builder)
    {
        builder.ToTable("risk_blocks");
        // The detector's "latest block of this tenant's block" and a tenant's own list.
        builder.HasIndex(b => new { b.TenantId, b.Block, b.CreatedAt });
        // The snapshot every node reloads each second reads the blocks not yet lifted.
        builder.HasIndex(b => b.LiftedAt);
        builder.Property(b => b.Block).HasMaxLength(NumberBlock.MaxLength);
        builder.Property(b => b.LiftedBy).HasMaxLength(120);
        builder.Property(b => b.LiftReason).HasMaxLength(MaxReasonLength);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(b => b.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
