using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.SmppGateway;

/// <summary>
/// What a tenant's own gateway binds to the SMPP listener as: its <c>system_id</c>, a password kept only as a
/// PBKDF2 hash, the addresses it may bind from, and how hard it may push.
/// </summary>
public sealed class SmppAccount
{
    /// <summary>SMPP v3.4 §5.2.1: system_id is a C-octet string of at most 16 octets, NUL included.</summary>
    public const int MaxSystemIdLength = 15;

    /// <summary>§5.2.2: the password is at most 9 octets, NUL included, so a server-made one has 8 characters.</summary>
    public const int PasswordLength = 8;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public required string SystemId { get; init; }
    public required string PasswordHash { get; set; }

    /// <summary>Addresses or CIDR ranges (<c>203.0.113.0/24</c>, <c>2001:db8::/32</c>) a bind may come from; empty: any.</summary>
    public List<string> AllowedAddresses { get; set; } = [];

    /// <summary>Binds of this account open at once on a node.</summary>
    public int MaxBinds { get; set; } = 2;

    /// <summary>submit_sm not yet answered, per bind: more is refused with ESME_RMSGQFUL.</summary>
    public int Window { get; set; } = 64;
    public int MessagesPerSecond { get; set; } = 100;

    /// <summary>Whether messages from phones to the tenant's numbers go to this account's receiver binds.</summary>
    public bool ReceivesReplies { get; set; } = true;
    public DateTime CreatedAt { get; init; }
    public DateTime PasswordSetAt { get; set; }
}

internal sealed class SmppAccountConfiguration : IEntityTypeConfiguration<SmppAccount>
{
    public void Configure(EntityTypeBuilder<SmppAccount> builder)
    {
        builder.ToTable("smpp_accounts");
        builder.HasIndex(a => a.SystemId).IsUnique();
        builder.HasIndex(a => a.TenantId);
        builder.Property(a => a.SystemId).HasMaxLength(SmppAccount.MaxSystemIdLength);
        builder.Property(a => a.PasswordHash).HasMaxLength(200);
        builder.Property(a => a.AllowedAddresses).HasJsonConversion();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
