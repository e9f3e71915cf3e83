using SmsVerify.Server.Audit;

namespace SmsVerify.Server.Infrastructure.Database;

/// <summary>
/// A write that applies many callers' items at once (see <see cref="WriteBatcher.WriteAsync{TItem}(ISetWrite{TItem}, TItem, int)"/>):
/// the batch hands it all of its items, so that many callers' writes of one kind cost a few statements, not a few each.
/// </summary>
public interface ISetWrite<TItem>
{
    Task RunAsync(AppDbContext db, IReadOnlyList<TItem> items);

    /// <summary>
    /// Whether its items go before every other write of a batch, however long the line (the delivery path's
    /// outcomes and receipts, which depend on nothing still queued), or keep their place in the line like any write.
    /// </summary>
    bool Overtakes => true;

    /// <summary>
    /// Whether it runs after the batch's other set writes, whichever were queued first: a receipt that overtook its
    /// submit's answer then finds the part the same batch records, instead of waiting for it as unmatched.
    /// </summary>
    bool AfterOtherSets => false;

    /// <summary>Whether <see cref="AuditOf"/> may give records: the batch then takes the audit trail's lock first.</summary>
    bool Audits => false;

    /// <summary>What to append to the audit trail for <paramref name="item"/>, once the set has run.</summary>
    AuditStamp? AuditOf(TItem item) => null;

    /// <summary>Called once the transaction it ran in has committed, before its callers are answered.</summary>
    void Committed()
    {
    }
}
