using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// Orders the two writes that meet over a receipt that outran its submit's answer, when several nodes write to one
/// PostgreSQL: the node that records the accepted submit (parts in, waiting receipts out) and the node that got the
/// receipt on its bind (no part found, so the receipt waits). Without an order each transaction can miss the
/// other's uncommitted row, and the receipt waits for good. Both take one transaction-scoped advisory lock, so the
/// second runs its statements after the first has committed and sees its rows. SQLite has one writer, which orders
/// them already.
/// </summary>
internal static class ReceiptOrder
{
    // Any constant unlikely to be taken by something else sharing the database: "SmsVrcpt" in ASCII.
    private const long LockKey = 0x536D_7356_7263_7074;

    /// <summary>
    /// On PostgreSQL, adds a statement that waits for the lock and returns no row, so a batch's later statements see
    /// what the other side committed; the number of statements added (0 or 1), for the caller to skip its result.
    /// </summary>
    public static int Add(SqlBatch batch, AppDbContext db)
    {
        if (db is not PostgresAppDbContext)
        {
            return 0;
        }
        // pg_advisory_xact_lock returns void; the condition makes the statement run it and return no row.
        batch.Add($"SELECT 1 WHERE pg_advisory_xact_lock({LockKey})::text IS NULL");
        return 1;
    }

    /// <summary>Takes the lock on its own, in its own round trip, on PostgreSQL; false on SQLite, where there is nothing to wait for.</summary>
    public static async Task<bool> TakeAsync(AppDbContext db)
    {
        var batch = new SqlBatch(db);
        if (Add(batch, db) == 0)
        {
            return false;
        }
        await batch.ReadFirstAsync(_ => 0);
        return true;
    }
}
