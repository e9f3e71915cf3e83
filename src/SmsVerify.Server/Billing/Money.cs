namespace SmsVerify.Server.Billing;

/// <summary>
/// Amounts are kept as whole ten-thousandths of a yuan (0.045 yuan = 450): integers add, compare and update
/// atomically in SQL on both engines, where SQLite would store a decimal as text. The API speaks yuan.
/// </summary>
public static class Money
{
    public const long UnitsPerYuan = 10_000;

    public static decimal ToYuan(long units) => units / (decimal)UnitsPerYuan;

    /// <summary>Yuan with at most four decimal places, or null if it has more.</summary>
    public static long? FromYuan(decimal yuan)
    {
        var units = yuan * UnitsPerYuan;
        return units == decimal.Truncate(units) && Math.Abs(units) <= long.MaxValue / 4 ? (long)units : null;
    }
}
