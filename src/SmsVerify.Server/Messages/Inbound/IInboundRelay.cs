using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Messages.Inbound;

/// <summary>
/// A way besides the webhook that a tenant takes the messages its numbers receive (the SMPP listener's receiver
/// binds). Called for every message filed under a tenant, inside the transaction that files it, so the relay's
/// queue has the message exactly when the inbox does.
/// </summary>
public interface IInboundRelay
{
    Task QueueAsync(AppDbContext db, InboundMessage message, CancellationToken cancellationToken);
}
