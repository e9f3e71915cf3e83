using SmsVerify.Server.Channels;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages.Inbound;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// Stores what channels receive before the carrier is answered: a receipt or inbound message is committed before
/// its channel acknowledges it, so an acknowledged one is never lost.
/// </summary>
internal sealed class ChannelEventStore(WriteBatcher writes, Receipts receipts, InboundMessages inbound, WebhookOutbox webhooks) : IChannelEventSink
{
    /// <summary>
    /// Group-committed: receipts arrive many at once (one per part, on every bind), and a commit each would make
    /// the database's commit rate the ceiling of delivery.
    /// </summary>
    public async ValueTask HandleAsync(ChannelEvent channelEvent, CancellationToken cancellationToken)
    {
        switch (channelEvent)
        {
            case ReceiptEvent receipt:
                // Applied together with every other receipt of the batch, which wakes the webhook dispatcher if it must.
                await writes.WriteAsync(receipts, receipt);
                break;
            case InboundEvent message:
                await writes.WriteAsync(async db =>
                {
                    await inbound.StoreAsync(db, message, CancellationToken.None);
                    await db.SaveChangesAsync(CancellationToken.None);
                    return 0;
                });
                webhooks.Wake();
                break;
        }
    }
}
