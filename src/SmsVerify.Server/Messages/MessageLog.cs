using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Messages;

/// <summary>
/// One tenant's message log as the console reads it: newest first by the time each was accepted, so a page is a
/// range of the (tenant, time) index, and one message with the parts carriers took. Nothing here reads another
/// tenant's rows: a message id of another tenant is not found.
/// </summary>
public sealed class MessageLog(AppDbContext db)
{
    public Task<MessageRecord?> FindAsync(Guid tenantId, Guid id, CancellationToken cancellationToken) =>
        db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.TenantId == tenantId, cancellationToken);

    /// <summary>
    /// Up to <paramref name="size"/> messages, newest first, older than the message <paramref name="before"/> when
    /// given (the last one of the previous page; an id the tenant does not have reads as the first page).
    /// </summary>
    public async Task<List<MessageRecord>> PageAsync(Guid tenantId, MessageFilter filter, Guid? before, int size, CancellationToken cancellationToken)
    {
        var after = before is { } cursor
            ? await db.Messages.Where(m => m.Id == cursor && m.TenantId == tenantId).Select(m => (DateTime?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken)
            : null;
        return await Page(tenantId, filter, after is { } at ? (at, before!.Value) : null, size).ToListAsync(cancellationToken);
    }

    /// <summary>The page's query, older than the cursor (a message's time and id) when given; internal so a test can ask the store for its plan.</summary>
    internal IQueryable<MessageRecord> Page(Guid tenantId, MessageFilter filter, (DateTime At, Guid Id)? cursor, int size)
    {
        var query = filter.Apply(db.Messages.AsNoTracking(), tenantId);
        if (cursor is var (at, id))
        {
            // Written so the time bound is a plain range the index seeks on; the id only orders one instant's messages.
            query = query.Where(m => m.CreatedAt <= at && (m.CreatedAt < at || m.Id.CompareTo(id) < 0));
        }
        return Newest(query).Take(size);
    }

    /// <summary>At most <paramref name="max"/> of the filtered log, newest first, read as they are written out.</summary>
    public IAsyncEnumerable<MessageRecord> ExportAsync(Guid tenantId, MessageFilter filter, int max) =>
        Newest(filter.Apply(db.Messages.AsNoTracking(), tenantId)).Take(max).AsAsyncEnumerable();

    /// <summary>The parts carriers took of a message found with <see cref="FindAsync"/>, in order, each with its receipt.</summary>
    public Task<List<MessagePart>> PartsAsync(MessageRecord message, CancellationToken cancellationToken) =>
        db.MessageParts.AsNoTracking().Where(p => p.MessageId == message.Id).OrderBy(p => p.Index).ThenBy(p => p.Id).ToListAsync(cancellationToken);

    private static IOrderedQueryable<MessageRecord> Newest(IQueryable<MessageRecord> messages) =>
        messages.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id);
}
