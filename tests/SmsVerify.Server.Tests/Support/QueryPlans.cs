using Microsoft.EntityFrameworkCore;

namespace SmsVerify.Server.Tests.Support;

public static class QueryPlans
{
    /// <summary>How the store would run a query: SQLite's EXPLAIN QUERY PLAN or PostgreSQL's EXPLAIN, a line per step.</summary>
    public static async Task<string> PlanAsync(this IQueryable query)
    {
        await using var command = query.CreateDbCommand();
        command.CommandText = (SmsVerifyApp.OnPostgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + command.CommandText;
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetValue(reader.FieldCount - 1).ToString()!);
        }
        return string.Join("\n", lines);
    }
}
