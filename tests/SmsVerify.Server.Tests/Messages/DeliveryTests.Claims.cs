using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Messages;

/// <summary>Claims whose worker is gone: they end with their lease, or sooner when the node is known to be gone.</summary>
public sealed partial class DeliveryTests
{
    /// <summary>Claims the queue for <paramref name="node"/>, a worker that then dies without writing any outcome.</summary>
    private async Task<MessageRecord> ClaimForAsync(Guid node) => Assert.Single(await _app.WithDbAsync(db =>
        MessageClaims.ClaimAsync(db, node, 10, _app.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(2), default)));

    [Fact]
    public async Task WorkerThatDiesMidSubmit_LeavesTheMessageMarkedUnknownForTheNextClaim()
    {
        var (_, id) = await QueueAsync();
        await ClaimForAsync(Guid.NewGuid());
        Assert.Equal(0, await RunWorkerAsync()); // still leased to the dead worker

        _app.Clock.Advance(TimeSpan.FromMinutes(3));
        await RunWorkerAsync();

        var message = await MessageAsync(id);
        Assert.Equal((MessageStatus.Submitted, true, 2), (message.Status, message.OutcomeUnknown, message.Attempts));
    }

    [SqliteFact]
    public async Task ClaimsLeftByAnEarlierProcess_AreFreedAtStart_AndTheirMessagesComeBackMarked()
    {
        var (_, id) = await QueueAsync();
        await ClaimForAsync(Guid.NewGuid());

        // What a process starting on this file runs before its worker's first claim; the clock does not move.
        await _app.Services.GetRequiredService<DeliveryNode>().StartingAsync(default);
        Assert.Equal(1, await RunWorkerAsync());

        var message = await MessageAsync(id);
        Assert.Equal((MessageStatus.Submitted, true, 2), (message.Status, message.OutcomeUnknown, message.Attempts));
    }

    [Fact]
    public async Task WhileTheChannelsMakeTheirFirstBind_NothingIsClaimed_SoNothingWaitsOutABackoff()
    {
        _primary.State = ChannelState.Connecting;
        _backup.State = ChannelState.Connecting;
        var (_, id) = await QueueAsync();

        Assert.Equal(0, await RunWorkerAsync());
        _primary.State = ChannelState.Up;
        Assert.Equal(1, await RunWorkerAsync());

        var message = await MessageAsync(id);
        Assert.Equal((MessageStatus.Submitted, "primary", 1), (message.Status, message.Channel, message.Attempts));
    }

    [PostgresFact]
    public async Task ClaimsOfANodeSilentPastTheTimeout_AreFreed_AndItsLateOutcomeChangesNothing()
    {
        var (_, id) = await QueueAsync();
        Guid silent = Guid.NewGuid(), alive = Guid.NewGuid();
        var stale = await ClaimForAsync(silent);
        await _app.WithDbAsync(async db =>
        {
            await DeliveryNodes.BeatAsync(db, silent, default);
            await DeliveryNodes.BeatAsync(db, alive, default);
            return 0;
        });
        Task<int> FreeAsync() => _app.WithDbAsync(db => DeliveryNodes.FreeClaimsOfSilentAsync(db, TimeSpan.FromSeconds(10), default));
        Assert.Equal(0, await FreeAsync()); // a node that beat just now keeps its claims

        await _app.WithDbAsync(db => db.DeliveryNodes.Where(n => n.Id == silent)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.HeartbeatAt, DateTime.UtcNow.AddMinutes(-1))));
        Assert.Equal(1, await FreeAsync());
        Assert.Equal(1, await RunWorkerAsync());
        // The silent node was only paused: it comes back and writes what it thinks became of its claim.
        await _app.Services.GetRequiredService<MessageOutcomes>().FinishUnsentAsync(stale, MessageStatus.Failed, "ESME_RINVDSTADR");

        var message = await MessageAsync(id);
        Assert.Equal((MessageStatus.Submitted, true, 2), (message.Status, message.OutcomeUnknown, message.Attempts));
        // Forgotten, unlike the node that beats and the server's own (which beats though it runs no worker: it may hold bind slots).
        var own = _app.Services.GetRequiredService<DeliveryNode>().Id;
        Assert.Equal(new[] { alive, own }.Order(), (await _app.WithDbAsync(db => db.DeliveryNodes.Select(n => n.Id).ToListAsync())).Order());
    }
}
