namespace SmsVerify.Server.Tests.Support;

/// <summary>A fact about several nodes sharing one database: it needs PostgreSQL, and is skipped in the SQLite run.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabase.OnPostgres)
        {
            Skip = "Several nodes need PostgreSQL; SMSVERIFY_TEST_POSTGRES is not set.";
        }
    }
}
