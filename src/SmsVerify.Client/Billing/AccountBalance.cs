namespace SmsVerify.Client;

/// <summary>The prepaid balance, the price per segment, the daily spend cap (null: none) and today's spend (China day), in yuan.</summary>
public sealed record AccountBalance(Guid TenantId, decimal Balance, decimal PricePerSegment, decimal? DailySpendCap, decimal SpentToday);
