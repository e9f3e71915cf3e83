namespace SmsVerify.Server.Infrastructure.Database;

/// <summary>
/// A write that applies many callers' items at once (see <see cref="WriteBatcher.WriteAsync{TItem}(ISetWrite{TItem}, TItem)"/>):
/// the batcher hands it every item of one batch, inside the batch's transaction, and saves what it adds.
/// </summary>
public interface ISetWrite<TItem>
{
    Task RunAsync(AppDbContext db, IReadOnlyList<TItem> items);

    /// <summary>Called once the transaction it ran in has committed, before its callers are answered.</summary>
    void Committed()
    {
    }
}
