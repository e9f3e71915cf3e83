using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Sandbox;
using SmsVerify.Server.Tenants;
using SmsVerify.Server.Verification;

namespace SmsVerify.Server.Compat.Twilio;

/// <summary>
/// A Twilio Verify Service (<c>VA…</c>) of a tenant: what its verifications send with. Twilio's SDKs cannot name an
/// SmsVerify signature or template, so the service holds them (<see cref="TwilioServiceContent"/> says how they are
/// chosen); null for both means the built-in sandbox template, which reaches the tenant's test numbers only.
/// </summary>
public sealed class TwilioService
{
    public const int MaxFriendlyNameLength = 64;

    /// <summary>A tenant keeps at most this many services, as Twilio bounds them per account.</summary>
    public const int MaxPerTenant = 50;

    public required string Sid { get; init; }
    public Guid TenantId { get; init; }
    public required string FriendlyName { get; set; }
    public int CodeLength { get; set; }
    public string? Signature { get; set; }
    public string? Template { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Whether a verification was sent by this service: it carries the service's signature and template.</summary>
    public bool Sent(VerificationRecord verification) =>
        verification.Signature == (Signature ?? SandboxTemplate.Signature) && verification.Template == (Template ?? SandboxTemplate.TemplateCode);
}

internal sealed class TwilioServiceConfiguration : IEntityTypeConfiguration<TwilioService>
{
    public void Configure(EntityTypeBuilder<TwilioService> builder)
    {
        builder.ToTable("twilio_services");
        builder.HasKey(s => s.Sid);
        // Lists a tenant's services in Twilio's order (oldest first), page by page.
        builder.HasIndex(s => new { s.TenantId, s.CreatedAt });
        builder.Property(s => s.Sid).HasMaxLength(TwilioSids.Length);
        builder.Property(s => s.FriendlyName).HasMaxLength(TwilioService.MaxFriendlyNameLength);
        builder.Property(s => s.Signature).HasMaxLength(40);
        builder.Property(s => s.Template).HasMaxLength(40);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
