using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Server;

namespace SmsVerify.Server.SmppGateway;

// One round: settle what was answered, then send what is due to each account with a bind that receives.
internal sealed partial class GatewayDispatcher
{
    private async Task RoundAsync(CancellationToken cancellationToken)
    {
        var binds = listener.Binds().Where(b => b.Bind.Receives).ToList();
        ReleaseVanished(binds);
        if (binds.Count == 0 && _acknowledged.IsEmpty && _returned.IsEmpty)
        {
            return; // nobody to send to: what is owed waits in the store
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await SettleAsync(db, cancellationToken);
        foreach (var account in binds.GroupBy(b => b.Bind.Account.Id))
        {
            var room = account.Sum(b => Math.Max(0, b.Bind.Account.Window - b.Bind.Sent.Count));
            if (room > 0)
            {
                await SendDueAsync(db, [.. account], room, cancellationToken);
            }
        }
    }

    /// <summary>Binds seen last round that are gone now (the link dropped without an unbind) give back what they held.</summary>
    private void ReleaseVanished(List<(SmppServerSession Session, GatewayBind Bind)> binds)
    {
        var current = binds.Select(b => b.Bind).ToHashSet();
        foreach (var gone in _seen.Where(b => !current.Contains(b)).ToList())
        {
            Release(gone);
            _seen.Remove(gone);
        }
        _seen.UnionWith(current);
    }

    /// <summary>Deletes what was acknowledged; puts back what was refused (later) or released (now).</summary>
    private async Task SettleAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        List<Guid> done = [];
        while (_acknowledged.TryDequeue(out var id))
        {
            done.Add(id);
        }
        if (done.Count > 0)
        {
            await db.OwedDeliveries.Where(d => done.Contains(d.Id)).ExecuteDeleteAsync(cancellationToken);
        }
        List<Guid> refused = [];
        List<Guid> released = [];
        while (_returned.TryDequeue(out var back))
        {
            (back.Refused ? refused : released).Add(back.Id);
        }
        var now = clock.UtcNowForStorage();
        if (refused.Count > 0)
        {
            // Refused by the gateway: 10 s, doubling with each attempt to at most 10 minutes.
            await db.OwedDeliveries.Where(d => refused.Contains(d.Id)).ExecuteUpdateAsync(set => set
                .SetProperty(d => d.LockedUntil, (DateTime?)null)
                .SetProperty(d => d.NextAttemptAt, d => now.AddSeconds(Math.Min(600, 10 << Math.Min(d.Attempts, 6)))), cancellationToken);
        }
        if (released.Count > 0)
        {
            // Released by a bind that ended before answering: due again at once.
            await db.OwedDeliveries.Where(d => released.Contains(d.Id)).ExecuteUpdateAsync(set => set
                .SetProperty(d => d.LockedUntil, (DateTime?)null).SetProperty(d => d.NextAttemptAt, now), cancellationToken);
        }
    }

    private async Task SendDueAsync(AppDbContext db, List<(SmppServerSession Session, GatewayBind Bind)> binds, int room, CancellationToken cancellationToken)
    {
        var accountId = binds[0].Bind.Account.Id;
        var now = clock.UtcNowForStorage();
        var due = await OwedDeliveryRows.DueAsync(db, accountId, now, room, cancellationToken);
        if (due.Count == 0)
        {
            return;
        }
        var ids = due.ConvertAll(d => d.Id);
        var lease = now + options.Value.DeliveryLease;
        await db.OwedDeliveries.Where(d => ids.Contains(d.Id) && (d.LockedUntil == null || d.LockedUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.LockedUntil, lease).SetProperty(d => d.Attempts, d => d.Attempts + 1), cancellationToken);
        foreach (var owed in due)
        {
            if (owed.Pdu() is not { } pdu)
            {
                _acknowledged.Enqueue(owed.Id); // a delivered message whose gateway asked for failures only
                continue;
            }
            var (session, bind) = binds.MaxBy(b => b.Bind.Account.Window - b.Bind.Sent.Count);
            lock (bind.Sent)
            {
                // Under the lock: the answer may come back before Send returns, and Answered looks it up under the same lock.
                if (session.Send(pdu))
                {
                    bind.Sent[pdu.SequenceNumber] = owed.Id;
                }
                else
                {
                    _returned.Enqueue((owed.Id, false));
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(50, LogLevel.Error, "Sending receipts and replies to SMPP gateways failed; trying again")]
        public static partial void RoundFailed(ILogger logger, Exception exception);
    }
}
