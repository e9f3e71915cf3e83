namespace SmsVerify.Server.Tests.Support;

/// <summary>A fact about the embedded SQLite engine: skipped in the run against PostgreSQL.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (SmsVerifyApp.OnPostgres)
        {
            Skip = "This run is on PostgreSQL.";
        }
    }
}
