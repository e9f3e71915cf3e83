using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Server;

namespace SmsVerify.Server.SmppGateway;

/// <summary>
/// Sends the receipts and replies owed to bound gateways (<see cref="OwedDelivery"/>) as deliver_sm, on the
/// account's receiver and transceiver binds on this node, no more at once per bind than its window. A delivery is
/// deleted when its deliver_sm_resp says OK; an error answer, an unbind or a dropped link puts it back for a later
/// try (sooner after a drop, later after each error); a node that dies with some leaves them to the lease.
/// </summary>
internal sealed partial class GatewayDispatcher(
    IServiceScopeFactory scopes, SmppListener listener, MessagesSettled settled, IOptions<SmppListenerOptions> options, TimeProvider clock,
    ILogger<GatewayDispatcher> logger)
    : BackgroundService
{
    // Real time: the poll finds work committed by other nodes and by receipts, and tests that move the server's
    // clock by hand must still see it run.
    private readonly WakeSignal _wake = new(TimeProvider.System);
    private readonly ConcurrentQueue<Guid> _acknowledged = new();
    private readonly ConcurrentQueue<(Guid Id, bool Refused)> _returned = new();
    private readonly HashSet<GatewayBind> _seen = [];

    private static readonly TimeSpan MinRoundInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Looks for owed deliveries now: a gateway just bound, or one answered.</summary>
    public void Wake() => _wake.Wake();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A receipt is due the moment its message is final: look then rather than at the next poll.
        settled.Changed += Wake;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RoundAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.RoundFailed(logger, e);
            }
            // Wakes come with every commit that settles messages; a pause between rounds gathers them, so a busy
            // node runs a bounded number of rounds a second, each with more to send.
            await Task.Delay(MinRoundInterval, stoppingToken);
            await _wake.WaitAsync(options.Value.DeliveryPoll, stoppingToken);
        }
    }

    /// <summary>The gateway answered a deliver_sm: done when OK, else back to wait.</summary>
    public void Answered(SmppServerSession session, DeliverSmResp response)
    {
        if (session.State is not GatewayBind bind)
        {
            return;
        }
        Guid id;
        lock (bind.Sent)
        {
            if (!bind.Sent.TryRemove(response.SequenceNumber, out id))
            {
                return;
            }
        }
        if (response.CommandStatus == CommandStatus.Ok)
        {
            _acknowledged.Enqueue(id);
        }
        else
        {
            _returned.Enqueue((id, true));
        }
        _wake.Wake();
    }

    /// <summary>The bind ended: what it was sent and did not acknowledge goes back to wait for the next bind.</summary>
    public void Released(SmppServerSession session)
    {
        if (session.State is GatewayBind bind)
        {
            Release(bind);
        }
    }

    private void Release(GatewayBind bind)
    {
        lock (bind.Sent)
        {
            foreach (var id in bind.Sent.Values)
            {
                _returned.Enqueue((id, false));
            }
            bind.Sent.Clear();
        }
    }
}
