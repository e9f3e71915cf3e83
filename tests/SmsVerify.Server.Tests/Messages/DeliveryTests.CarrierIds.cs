using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Messages;

namespace SmsVerify.Server.Tests.Messages;

/// <summary>Ids and fields as carriers really send them: reused after an SMSC restart, longer than the spec allows.</summary>
public sealed partial class DeliveryTests
{
    [Fact]
    public async Task CarrierIdReused_BothMessagesAreSubmittedOnce_AndItsReceiptSettlesTheNewer()
    {
        // An SMSC that restarted numbers its ids from the start again.
        _primaryAnswer = _ => Accept("1");
        var (_, older) = await QueueAsync(parameters: new { order = "A1" });
        await RunWorkerAsync();
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        var (_, newer) = await QueueAsync(parameters: new { order = "B2" });
        await RunWorkerAsync();

        Assert.Equal(MessageStatus.Submitted, (await MessageAsync(older)).Status);
        Assert.Equal(MessageStatus.Submitted, (await MessageAsync(newer)).Status);
        // Nothing is left claimed to be sent again when its lease runs out.
        _app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await RunWorkerAsync());
        Assert.Equal(2, _primary.Submitted.Count);

        await ReceiptAsync("primary", "1", ReceiptOutcome.Delivered);
        Assert.Equal(MessageStatus.Delivered, (await MessageAsync(newer)).Status);
        Assert.Equal(MessageStatus.Submitted, (await MessageAsync(older)).Status);
        // A repeat of that receipt is for the newer one too: it does not settle the older.
        await ReceiptAsync("primary", "1", ReceiptOutcome.Delivered);
        Assert.Equal(MessageStatus.Submitted, (await MessageAsync(older)).Status);
    }

    [Fact]
    public async Task CarrierIdReusedWithinOneBatch_BothMessagesAreSubmitted()
    {
        _primaryAnswer = _ => Accept("7");
        var (_, first) = await QueueAsync(parameters: new { order = "A1" });
        var (_, second) = await QueueAsync(parameters: new { order = "B2" });

        Assert.Equal(2, await RunWorkerAsync());

        Assert.Equal(MessageStatus.Submitted, (await MessageAsync(first)).Status);
        Assert.Equal(MessageStatus.Submitted, (await MessageAsync(second)).Status);
        Assert.Equal(2, await _app.WithDbAsync(db => db.MessageParts.CountAsync(p => p.CarrierMessageId == "7")));
    }

    [Fact]
    public async Task OversizedCarrierFields_AreStoredCut_AndTheReceiptStillSettlesItsMessage()
    {
        var longId = string.Concat(Enumerable.Repeat("0123456789", 10));
        _primaryAnswer = _ => Accept(longId);
        var (_, id) = await QueueAsync();
        await RunWorkerAsync();
        Assert.Equal(MessageStatus.Submitted, (await MessageAsync(id)).Status);

        var error = "UNDELIV:" + new string('x', 192);
        await ReceiptAsync("primary", longId, ReceiptOutcome.Failed, error);
        // One for no stored part, as long: kept to be matched later, not refused.
        await ReceiptAsync("primary", "9" + longId, ReceiptOutcome.Failed, error);

        var failed = await MessageAsync(id);
        Assert.Equal((MessageStatus.Failed, error[..64]), (failed.Status, failed.ErrorCode));
        var unmatched = Assert.Single(await _app.WithDbAsync(db => db.UnmatchedReceipts.ToListAsync()));
        Assert.Equal(("9" + longId)[..65], unmatched.CarrierMessageId);
        Assert.Equal(error[..64], unmatched.ErrorCode);
    }
}
