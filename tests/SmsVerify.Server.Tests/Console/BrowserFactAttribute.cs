namespace SmsVerify.Server.Tests.Console;

/// <summary>
/// A test in a real browser (<see cref="BrowserFixture"/>). Skipped, with the reason, when Chromium is not installed
/// (Debian's chromium: `apt-get install chromium`; CI does this) or SMSVERIFY_TEST_CHROMIUM names no file.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (BrowserFixture.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
