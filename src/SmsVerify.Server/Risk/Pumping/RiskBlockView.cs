namespace SmsVerify.Server.Risk.Pumping;

/// <summary>A block as the API and the <c>risk.block_created</c> webhook show it; conversion is approved ÷ sends.</summary>
public sealed record RiskBlockView(
    Guid Id, Guid TenantId, string Block, RiskBlockStatus Status, DateTime CreatedAt, DateTime? ExpiresAt,
    DateTime WindowStart, DateTime WindowEnd, int Sends, int Approved, double Conversion, double BaselineSends,
    DateTime? LiftedAt, string? LiftedBy, string? LiftReason)
{
    public const string CreatedEvent = "risk.block_created";

    public static RiskBlockView From(RiskBlock b, DateTime now) => new(
        b.Id, b.TenantId, b.Block, b.StatusAt(now), b.CreatedAt, b.ExpiresAt, b.WindowStart, b.WindowEnd, b.Sends, b.Approved,
        b.Sends == 0 ? 0 : Math.Round((double)b.Approved / b.Sends, 4), Math.Round(b.BaselineSends, 2), b.LiftedAt, b.LiftedBy, b.LiftReason);
}
