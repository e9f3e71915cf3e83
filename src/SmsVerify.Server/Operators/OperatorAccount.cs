using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SmsVerify.Server.Operators;

/// <summary>
/// A person who runs the platform and signs in to the console: a password (hashed as ASP.NET Core Identity hashes
/// them) and a TOTP second factor (its secret sealed with the server's key, the account's id bound to it). API keys
/// stay for machines.
/// </summary>
public sealed class OperatorAccount
{
    public const int MaxUserNameLength = 64;
    public const int MaxDisplayNameLength = 100;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Lower case; what the person types to sign in and what the audit trail names them by.</summary>
    public required string UserName { get; init; }

    public required string DisplayName { get; set; }

    /// <summary><c>admin</c>, <c>auditor</c> or <c>risk</c> (<see cref="Tenants.OperatorOptions"/>).</summary>
    public required string Role { get; set; }

    public required string PasswordHash { get; set; }

    public required byte[] SealedTotpSecret { get; set; }

    /// <summary>The TOTP time step of the last code accepted: a code is good once, not again within its window.</summary>
    public long LastTotpStep { get; set; }

    /// <summary>Failed sign-ins since the last good one; reaching the limit locks the account for a while.</summary>
    public int FailedSignIns { get; set; }

    public DateTime? LockedUntil { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime? LastSignInAt { get; set; }

    /// <summary>When the second factor was last replaced: console sessions begun before it end.</summary>
    public DateTime? SecondFactorResetAt { get; set; }

    public DateTime? DisabledAt { get; set; }
}

internal sealed class OperatorAccountConfiguration : IEntityTypeConfiguration<OperatorAccount>
{
    public void Configure(EntityTypeBuilder<OperatorAccount> builder)
    {
        builder.ToTable("operators");
        builder.HasIndex(o => o.UserName).IsUnique();
        builder.Property(o => o.UserName).HasMaxLength(OperatorAccount.MaxUserNameLength);
        builder.Property(o => o.DisplayName).HasMaxLength(OperatorAccount.MaxDisplayNameLength);
        builder.Property(o => o.Role).HasMaxLength(16);
        builder.Property(o => o.PasswordHash).HasMaxLength(200);
        builder.Property(o => o.SealedTotpSecret).HasMaxLength(64);
    }
}
