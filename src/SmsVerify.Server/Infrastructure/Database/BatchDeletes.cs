using Microsoft.EntityFrameworkCore;

namespace SmsVerify.Server.Infrastructure.Database;

/// <summary>
/// Deletes for the retention jobs: a thousand rows a statement, so that no statement holds its locks (or SQLite's
/// one writer) for long while the API keeps writing.
/// </summary>
internal static class BatchDeletes
{
    private const int Batch = 1000;

    /// <summary>Deletes the rows in their order, oldest first as callers order them, until none is left; how many.</summary>
    public static async Task<int> DeleteAsync<T>(IOrderedQueryable<T> rows, CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await rows.Take(Batch).ExecuteDeleteAsync(cancellationToken);
            total += deleted;
        }
        while (deleted == Batch);
        return total;
    }
}
