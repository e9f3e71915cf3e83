namespace SmsVerify.Server.Tests.Support;

/// <summary>
/// A fact that needs a real Redis: it runs when SMSVERIFY_TEST_REDIS names one (CI's second run, e.g.
/// <c>127.0.0.1:56379</c>) and is reported as skipped otherwise.
/// </summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public const string Variable = "SMSVERIFY_TEST_REDIS";

    public RedisFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            Skip = $"{Variable} is not set: no Redis to test against.";
        }
    }

    /// <summary>The StackExchange.Redis configuration string of the test Redis, or null.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);
}
