using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SmsVerify.Server.Tenants;

public enum TenantKind { Personal, Enterprise }

/// <summary>Sandbox tenants send only to their test numbers; live sending comes with approved qualifications.</summary>
public enum TenantMode { Sandbox, Live }

public sealed class Tenant
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public TenantKind Kind { get; init; }
    public TenantMode Mode { get; set; } = TenantMode.Sandbox;
    public DateTime CreatedAt { get; init; }

    /// <summary>Prepaid, in ten-thousandths of a yuan (see <see cref="Billing.Money"/>); never below zero.</summary>
    public long Balance { get; set; }

    /// <summary>The tenant's price per SMS segment in the same unit; null takes <c>Billing:PricePerSegment</c>.</summary>
    public long? PricePerSegment { get; set; }

    /// <summary>The most the tenant may spend per China day, same unit; null: no cap (see <see cref="Billing.Balances"/>).</summary>
    public long? DailySpendCap { get; set; }

    /// <summary>What was charged on <see cref="SpendDay"/>; the first charge of a later day starts it again.</summary>
    public long DaySpend { get; set; }

    public DateOnly? SpendDay { get; set; }

    /// <summary>When an admin suspended the tenant: it may still sign in and read, but every send is refused.</summary>
    public DateTime? SuspendedAt { get; set; }

    /// <summary>Set by an owner: every person of the tenant signs in to the console with an authenticator code.</summary>
    public bool RequireSecondFactor { get; set; }
}

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("tenants");
        builder.Property(t => t.Name).HasMaxLength(TenantsApi.MaxNameLength);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Mode).HasConversion<string>().HasMaxLength(16);
    }
}
