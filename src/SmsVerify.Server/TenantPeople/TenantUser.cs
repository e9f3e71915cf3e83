using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SmsVerify.Server.TenantPeople;

/// <summary>
/// A person at a tenant who signs in to the tenant console at <c>/app</c>: one tenant, one role, a password hashed as
/// ASP.NET Core Identity hashes them and, once they turn it on, a TOTP second factor sealed with the server's key.
/// They come in only by an invitation (<see cref="TenantInvitation"/>). Machines keep using API keys.
/// </summary>
public sealed class TenantUser
{
    public const int MaxEmailLength = 254;
    public const int MaxDisplayNameLength = 100;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; init; }

    /// <summary>Lower case and unique across the platform: what the person signs in with.</summary>
    public required string Email { get; init; }

    public required string DisplayName { get; set; }

    /// <summary><c>owner</c>, <c>developer</c> or <c>viewer</c> (<see cref="TenantRoles"/>).</summary>
    public required string Role { get; set; }

    public required string PasswordHash { get; set; }

    /// <summary>Null until the person turns on the second factor.</summary>
    public byte[]? SealedTotpSecret { get; set; }

    public long LastTotpStep { get; set; }

    public int FailedSignIns { get; set; }

    public DateTime? LockedUntil { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime? LastSignInAt { get; set; }

    /// <summary>When the password or the second factor last changed: sessions begun before it end.</summary>
    public DateTime? SessionsValidFrom { get; set; }

    public DateTime? DisabledAt { get; set; }
}

internal sealed class TenantUserConfiguration : IEntityTypeConfiguration<TenantUser>
{
    public void Configure(EntityTypeBuilder<TenantUser> builder)
    {
        builder.ToTable("tenant_users");
        builder.HasIndex(u => u.Email).IsUnique();
        builder.HasIndex(u => u.TenantId);
        builder.Property(u => u.Email).HasMaxLength(TenantUser.MaxEmailLength);
        builder.Property(u => u.DisplayName).HasMaxLength(TenantUser.MaxDisplayNameLength);
        builder.Property(u => u.Role).HasMaxLength(16);
        builder.Property(u => u.PasswordHash).HasMaxLength(200);
        builder.Property(u => u.SealedTotpSecret).HasMaxLength(64);
    }
}
