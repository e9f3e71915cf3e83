using System.ComponentModel.DataAnnotations;

namespace SmsVerify.Server.Billing;

public sealed class BillingOptions
{
    /// <summary>Price of one SMS segment in yuan for tenants without their own (about what the hosted platforms charge).</summary>
    [Range(0, 10)]
    public decimal PricePerSegment { get; set; } = 0.045m;

    public long PricePerSegmentUnits => Money.FromYuan(PricePerSegment) ?? throw new InvalidOperationException("Billing:PricePerSegment has more than four decimals.");
}
