using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Messages;

/// <summary>
/// A receipt that crossed another node's record of its part: on PostgreSQL the node that got the receipt and the one
/// that recorded the part each miss the other's uncommitted row, and the receipt is left waiting beside its part.
/// </summary>
public sealed partial class DeliveryTests
{
    private Task<int> SweepAsync() =>
        _app.WithDbAsync(db => _app.Services.GetRequiredService<Receipts>().ApplyMissedAsync(db, CancellationToken.None));

    [Fact]
    public async Task AReceiptKeptWhileAnotherNodeRecordedItsPart_IsAppliedOnceByTheHeartbeatsSweep()
    {
        var (tenant, id) = await QueueAsync();
        await RunWorkerAsync();
        // What the other node's batch committed: the receipt, kept because its part was not yet to be seen.
        await _app.WithDbAsync(async db =>
        {
            db.UnmatchedReceipts.Add(new UnmatchedReceipt
            {
                Channel = "primary",
                CarrierMessageId = "p-1",
                Outcome = ReceiptOutcome.Delivered,
                ReceivedAt = _app.Clock.GetUtcNow().UtcDateTime,
            });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(MessageStatus.Submitted, (await MessageAsync(id)).Status);

        Assert.Equal(1, await SweepAsync());

        Assert.Equal(MessageStatus.Delivered, (await MessageAsync(id)).Status);
        Assert.Equal(0, await _app.WithDbAsync(db => db.UnmatchedReceipts.CountAsync()));
        Assert.Equal(0, await SweepAsync());
        // The tenant sees the message delivered, as with any receipt.
        var shown = await (await tenant.Http.GetAsync($"/v1/messages/{id}")).OkAsync();
        Assert.Equal("delivered", shown.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AReceiptForAPartNotRecorded_KeepsWaitingThroughTheSweep()
    {
        var (_, id) = await QueueAsync();
        await ReceiptAsync("primary", "p-1", ReceiptOutcome.Delivered);

        Assert.Equal(0, await SweepAsync());
        Assert.Equal(1, await _app.WithDbAsync(db => db.UnmatchedReceipts.CountAsync()));

        await RunWorkerAsync();
        Assert.Equal(MessageStatus.Delivered, (await MessageAsync(id)).Status);
    }

    [Fact]
    public async Task AnOldReceiptForAReusedId_IsNotAppliedByTheSweepToAPartRecordedLongAfter()
    {
        await ReceiptAsync("primary", "p-1", ReceiptOutcome.Failed, "expired-id");
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        var (_, id) = await QueueAsync();
        await RunWorkerAsync();

        Assert.Equal(0, await SweepAsync());
        Assert.Equal(MessageStatus.Submitted, (await MessageAsync(id)).Status);
    }
}
