using SmsVerify.Server.Channels;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages.Inbound;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// Stores what channels receive before the carrier is answered: each receipt or inbound message is committed in
/// its own transaction, so an acknowledged one is never lost.
/// </summary>
internal sealed class ChannelEventStore(WriteBatcher writes, Receipts receipts, InboundMessages inbound, WebhookOutbox webhooks) : IChannelEventSink
{
    /// <summary>
    /// Group-committed: receipts arrive many at once (one per part, on every bind), and a commit each would make
    /// the database's commit rate the ceiling of delivery.
    /// </summary>
    public async ValueTask HandleAsync(ChannelEvent channelEvent, CancellationToken cancellationToken)
    {
        await writes.WriteAsync(async db =>
        {
            switch (channelEvent)
            {
                case ReceiptEvent receipt:
                    await receipts.ApplyAsync(db, receipt, CancellationToken.None);
                    break;
                case InboundEvent message:
                    await inbound.StoreAsync(db, message, CancellationToken.None);
                    break;
            }
            await db.SaveChangesAsync(CancellationToken.None);
            return 0;
        });
        webhooks.Wake();
    }
}
