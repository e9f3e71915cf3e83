using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Billing;

/// <summary>
/// The day a spend counts against: the calendar day in China (Asia/Shanghai, UTC+8 all year, no daylight saving),
/// because that is the day tenants and carriers bill by, whatever time zone a server runs in.
/// </summary>
public static class ChinaDay
{
    public static DateOnly Of(DateTime utc) => DateOnly.FromDateTime(utc + MarketingWindow.ChinaOffset);

    /// <summary>How long until the next China midnight.</summary>
    public static TimeSpan UntilNext(DateTime utc)
    {
        var local = utc + MarketingWindow.ChinaOffset;
        return local.Date.AddDays(1) - local;
    }
}
