using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Limits;

/// <summary>At most <see cref="Max"/> verifications per value of a key in any <see cref="IntervalSeconds"/>.</summary>
public sealed record RateLimitBucket(int Max, int IntervalSeconds)
{
    public RateWindow ToWindow() => new(Max, TimeSpan.FromSeconds(IntervalSeconds));
}

/// <summary>
/// A key a tenant passes with each verification (<c>rateLimits: {endUserIp: "…"}</c>) and the buckets every value
/// of it is held to, as Twilio Verify's service rate limits.
/// </summary>
public sealed class RateLimitRule
{
    public Guid TenantId { get; init; }
    public required string Key { get; init; }
    public required IReadOnlyList<RateLimitBucket> Buckets { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class RateLimitRuleConfiguration : IEntityTypeConfiguration<RateLimitRule>
{
    public void Configure(EntityTypeBuilder<RateLimitRule> builder)
    {
        builder.ToTable("rate_limits");
        builder.HasKey(r => new { r.TenantId, r.Key });
        builder.Property(r => r.Key).HasMaxLength(RateLimitRules.MaxKeyLength);
        // A handful of small numbers, read and written whole: "max/seconds" pairs in one column, the same on both engines.
        builder.Property(r => r.Buckets)
            .HasConversion(
                buckets => Format(buckets),
                text => Parse(text),
                new ValueComparer<IReadOnlyList<RateLimitBucket>>((a, b) => a!.SequenceEqual(b!), b => b.Count, b => b.ToList()))
            .HasMaxLength(120);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Cascade);
    }

    private static string Format(IReadOnlyList<RateLimitBucket> buckets) =>
        string.Join(' ', buckets.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Max}/{b.IntervalSeconds}")));

    private static List<RateLimitBucket> Parse(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('/'))
        .Select(parts => new RateLimitBucket(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture)))
        .ToList();
}
