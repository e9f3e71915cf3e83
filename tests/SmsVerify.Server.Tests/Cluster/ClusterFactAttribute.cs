using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Cluster;

/// <summary>A fact about several nodes: they share PostgreSQL and Redis, so it runs only where both are set (CI's second run).</summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        if (!TestDatabase.OnPostgres || string.IsNullOrWhiteSpace(RedisFactAttribute.ConnectionString))
        {
            Skip = "Several nodes need PostgreSQL and Redis; SMSVERIFY_TEST_POSTGRES or SMSVERIFY_TEST_REDIS is not set.";
        }
    }
}
