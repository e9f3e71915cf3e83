using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Compat.Credentials;

/// <summary>The vendor APIs SmsVerify speaks, so that apps built on their SDKs move by changing an endpoint.</summary>
public enum Vendor { Alibaba, Tencent, Twilio }

/// <summary>
/// A tenant's credential pair for one vendor-compatible API: the public id the SDK sends (Alibaba AccessKeyId,
/// Tencent SecretId, Twilio AccountSid) and the secret it signs with. Unlike an API key the secret cannot be kept
/// hashed: the server must compute the same HMAC as the client, so it is sealed (AES-GCM, bound to this row's id).
/// </summary>
public sealed class VendorCredential
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public Vendor Vendor { get; init; }

    /// <summary>What the SDK sends in the clear: unique across tenants, since it alone names the tenant.</summary>
    public required string KeyId { get; init; }

    public required byte[] SecretSeal { get; init; }

    /// <summary>Tencent's SmsSdkAppId, which every Tencent call names: numeric, unique. Null for other vendors.</summary>
    public string? AppId { get; init; }

    public DateTime CreatedAt { get; init; }
    public DateTime? RevokedAt { get; set; }

    /// <summary>Requests that named this credential and failed its check (bad signature, stale time, replayed nonce).</summary>
    public long FailedAttempts { get; set; }
    public DateTime? LastFailedAt { get; set; }
}

internal sealed class VendorCredentialConfiguration : IEntityTypeConfiguration<VendorCredential>
{
    public void Configure(EntityTypeBuilder<VendorCredential> builder)
    {
        builder.ToTable("vendor_credentials");
        builder.HasIndex(c => c.KeyId).IsUnique();
        builder.HasIndex(c => c.AppId).IsUnique();
        builder.HasIndex(c => c.TenantId);
        builder.Property(c => c.Vendor).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.KeyId).HasMaxLength(VendorCredentialSecrets.MaxKeyIdLength);
        builder.Property(c => c.SecretSeal).HasMaxLength(128);
        builder.Property(c => c.AppId).HasMaxLength(16);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
