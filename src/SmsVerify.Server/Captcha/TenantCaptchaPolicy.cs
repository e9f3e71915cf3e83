using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Captcha;

/// <summary>A tenant's captcha policy. A tenant without a row has <see cref="CaptchaPolicy.Off"/>.</summary>
public sealed class TenantCaptchaPolicy
{
    public Guid TenantId { get; init; }
    public CaptchaPolicy Policy { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class TenantCaptchaPolicyConfiguration : IEntityTypeConfiguration<TenantCaptchaPolicy>
{
    public void Configure(EntityTypeBuilder<TenantCaptchaPolicy> builder)
    {
        builder.ToTable("captcha_policies");
        builder.HasKey(p => p.TenantId);
        // Stored by the names the API uses, so the table reads the same as the documentation.
        builder.Property(p => p.Policy)
            .HasConversion(p => CaptchaPolicyNames.Name(p), name => Parse(name))
            .HasMaxLength(CaptchaPolicyNames.MaxLength);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Cascade);
    }

    private static CaptchaPolicy Parse(string name) => CaptchaPolicyNames.TryParse(name, out var policy) ? policy : CaptchaPolicy.Off;
}
