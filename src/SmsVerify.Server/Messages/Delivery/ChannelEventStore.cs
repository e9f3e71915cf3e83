using SmsVerify.Server.Channels;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages.Inbound;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// Stores what channels receive before the carrier is answered: each receipt or inbound message is committed in
/// its own transaction, so an acknowledged one is never lost.
/// </summary>
internal sealed class ChannelEventStore(IServiceScopeFactory scopes, WebhookOutbox webhooks) : IChannelEventSink
{
    public async ValueTask HandleAsync(ChannelEvent channelEvent, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            switch (channelEvent)
            {
                case ReceiptEvent receipt:
                    await scope.ServiceProvider.GetRequiredService<Receipts>().ApplyAsync(db, receipt, cancellationToken);
                    break;
                case InboundEvent inbound:
                    await scope.ServiceProvider.GetRequiredService<InboundMessages>().StoreAsync(db, inbound, cancellationToken);
                    break;
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        webhooks.Wake();
    }
}
