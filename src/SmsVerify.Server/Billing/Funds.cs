using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Billing;

/// <summary>
/// What a tenant can pay at one moment, in ten-thousandths of a yuan: its price per segment, its balance, its daily
/// spend cap (null: none) and what it has spent today (China day).
/// </summary>
public sealed record Funds(long Price, long Balance, long? DailySpendCap, long SpentToday)
{
    /// <summary>Why <paramref name="cost"/> cannot be paid now, or null if it can.</summary>
    public ApiError? Refusal(long cost, DateTime nowUtc)
    {
        if (Balance < cost)
        {
            return ProblemTypes.InsufficientBalance.With($"This send costs {Money.ToYuan(cost)} yuan and the balance is {Money.ToYuan(Balance)} yuan; top up your balance.");
        }
        if (DailySpendCap is not { } cap || SpentToday + cost <= cap)
        {
            return null;
        }
        return ProblemTypes.DailySpendCapReached.With(
            $"This send costs {Money.ToYuan(cost)} yuan; {Money.ToYuan(SpentToday)} of today's {Money.ToYuan(cap)} yuan (China time) is spent.") with
        {
            RetryAfter = ChinaDay.UntilNext(nowUtc),
            Extensions = new Dictionary<string, object?> { ["dailyLimit"] = Money.ToYuan(cap), ["spentToday"] = Money.ToYuan(SpentToday) },
        };
    }
}
