using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SmsVerify.Server.TenantPeople;

/// <summary>
/// A one-time link that lets a person join a tenant with a role. Only the SHA-256 of its token is stored; the link is
/// shown once to whoever invited. Accepted or expired, it opens nothing.
/// </summary>
public sealed class TenantInvitation
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; init; }

    public required string Email { get; init; }

    public required string Role { get; init; }

    public required byte[] TokenHash { get; init; }

    /// <summary>Who invited, as the audit trail names them.</summary>
    public required string InvitedBy { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime ExpiresAt { get; init; }

    public DateTime? AcceptedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}

internal sealed class TenantInvitationConfiguration : IEntityTypeConfiguration<TenantInvitation>
{
    public void Configure(EntityTypeBuilder<TenantInvitation> builder)
    {
        builder.ToTable("tenant_invitations");
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => new { i.TenantId, i.CreatedAt });
        builder.Property(i => i.Email).HasMaxLength(TenantUser.MaxEmailLength);
        builder.Property(i => i.Role).HasMaxLength(16);
        builder.Property(i => i.TokenHash).HasMaxLength(32);
        builder.Property(i => i.InvitedBy).HasMaxLength(100);
    }
}
