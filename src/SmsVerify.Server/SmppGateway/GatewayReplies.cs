using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Messages.Inbound;

namespace SmsVerify.Server.SmppGateway;

/// <summary>
/// Queues each message a phone sends to a tenant's number (and signature extension) for every SMPP account of the
/// tenant that takes replies, in the transaction that files it; <see cref="GatewayDispatcher"/> sends it on.
/// </summary>
internal sealed class GatewayReplies(GatewayDispatcher dispatcher, TimeProvider clock) : IInboundRelay
{
    public async Task QueueAsync(AppDbContext db, InboundMessage message, CancellationToken cancellationToken)
    {
        var accounts = await db.SmppAccounts.AsNoTracking().Where(a => a.TenantId == message.TenantId && a.ReceivesReplies)
            .Select(a => a.Id).ToListAsync(cancellationToken);
        // The server's own time, as stored: the carrier's time of receipt may lie ahead of it by a fraction.
        var now = clock.UtcNowForStorage();
        foreach (var account in accounts)
        {
            db.OwedDeliveries.Add(new OwedDelivery
            {
                AccountId = account,
                InboundId = message.Id,
                // The phone's number as gateways write it (no '+'), to the number it wrote to.
                SourceAddr = CarrierFields.Bounded(message.From.TrimStart('+'), OwedDelivery.MaxAddressLength),
                DestinationAddr = CarrierFields.Bounded(message.To, OwedDelivery.MaxAddressLength),
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }
        if (accounts.Count > 0)
        {
            dispatcher.Wake(); // early is harmless: a round that finds nothing committed yet polls again
        }
    }

}
