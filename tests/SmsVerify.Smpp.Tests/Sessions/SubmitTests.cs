using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Receipts;
using SmsVerify.Smpp.Tests.Support;
using Xunit.Abstractions;

namespace SmsVerify.Smpp.Tests.Sessions;

public class SubmitTests(ITestOutputHelper output) : SessionTestBase(output)
{
    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public async Task ManySubmits_AreAllMatchedToTheirOwnResponse(int window)
    {
        var smsc = new TestSmsc();
        var (_, client) = await StartAsync(smsc, o => o.Window = window);
        var texts = Enumerable.Range(0, 300).Select(i => $"message {i}").ToArray();
        var responses = await Task.WhenAll(texts.Select(t => client.SubmitAsync(Message(t)))).Guarded();
        var idsByText = smsc.Received.ToDictionary(r => r.Text, r => r.MessageId);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(CommandStatus.Ok, responses[i].CommandStatus);
            Assert.Equal(idsByText[texts[i]], responses[i].MessageId);
        }
        Assert.Equal(texts.Length, idsByText.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public async Task Window_BoundsOutstandingRequests(int window)
    {
        var smsc = new TestSmsc { HoldAnswers = true };
        var (_, client) = await StartAsync(smsc, o => o.Window = window);
        var tasks = Enumerable.Range(0, 50).Select(i => client.SubmitAsync(Message($"w{i}"))).ToArray();
        while (!Task.WhenAll(tasks).IsCompleted)
        {
            await Wait.Until(() => !smsc.Held.IsEmpty || Task.WhenAll(tasks).IsCompleted, "submits to arrive");
            await Task.Delay(5);
            smsc.ReleaseHeld();
        }
        await Task.WhenAll(tasks).Guarded();
        Assert.InRange(smsc.MaxHolding, 1, window);
    }

    [Fact]
    public async Task Throttled_SubmitsArePausedAndRetriedFirst_NoneLostOrDuplicated()
    {
        var smsc = new TestSmsc { ThrottleFirst = 5 };
        var (_, client) = await StartAsync(smsc, o => o.Window = 1);
        var texts = Enumerable.Range(0, 20).Select(i => $"t{i}").ToArray();
        var responses = await Task.WhenAll(texts.Select(t => client.SubmitAsync(Message(t)))).Guarded();
        Assert.All(responses, r => Assert.Equal(CommandStatus.Ok, r.CommandStatus));
        var received = smsc.Received.ToArray();
        Assert.Equal(5, received.Count(r => r.Status == CommandStatus.Throttled));
        // The throttled message is sent again before any other: "t0" five times, then in order.
        Assert.All(received.Take(5), r => Assert.Equal("t0", r.Text));
        Assert.Equal(texts, received.Where(r => r.Status == CommandStatus.Ok).Select(r => r.Text));
    }

    [Fact]
    public async Task Throttled_BeyondTheRetryLimit_ReturnsTheTransientStatus()
    {
        var smsc = new TestSmsc { ThrottleFirst = 1000 };
        var (_, client) = await StartAsync(smsc, o => { o.Window = 1; o.MaxTransientRetries = 2; });
        var resp = await client.SubmitAsync(Message("x")).Guarded();
        Assert.Equal(CommandStatus.Throttled, resp.CommandStatus);
        Assert.Equal(3, smsc.Received.Count);
    }

    [Fact]
    public async Task ConnectionDropMidWindow_WrittenAreUnknown_UnwrittenAreSentAfterReconnect_NoneDuplicated()
    {
        const int window = 10, count = 40, dropAt = 5;
        var smsc = new TestSmsc { DropFirstSessionAtSubmit = dropAt };
        var (_, client) = await StartAsync(smsc, o => o.Window = window);
        var texts = Enumerable.Range(1, count).Select(i => $"d{i}").ToArray();
        var tasks = texts.Select(t => client.SubmitAsync(Message(t))).ToArray();
        await Task.WhenAll(tasks).ContinueWith(_ => { }, TaskScheduler.Default).Guarded();

        var received = smsc.Received.ToArray();
        Assert.Equal(2, smsc.Binds);
        for (var i = 0; i < count; i++)
        {
            var seen = received.Count(r => r.Text == texts[i]);
            var accepted = received.Where(r => r.Text == texts[i] && r.Status == CommandStatus.Ok).ToArray();
            if (tasks[i].IsFaulted)
            {
                Assert.IsType<SmppUnknownOutcomeException>(tasks[i].Exception!.InnerException);
                Assert.InRange(seen, 0, 1); // maybe seen once by the SMSC, never sent again
                Assert.Empty(accepted);
            }
            else
            {
                var resp = await tasks[i];
                Assert.Equal(CommandStatus.Ok, resp.CommandStatus);
                Assert.Equal(accepted.Single().MessageId, resp.MessageId);
                Assert.Equal(1, seen);
            }
        }
        // The first five reached the SMSC and were never answered; at most a window's worth was written.
        Assert.All(tasks.Take(dropAt), t => Assert.True(t.IsFaulted));
        Assert.All(tasks.Skip(window), t => Assert.True(t.IsCompletedSuccessfully));
    }

    [Fact]
    public async Task Receipts_ReachTheDeliveriesChannel_AndAreAcknowledged()
    {
        var smsc = new TestSmsc { SendReceipts = true };
        var (_, client) = await StartAsync(smsc);
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => client.SubmitAsync(Message($"r{i}")))).Guarded();
        var receipts = new List<DeliveryReceipt>();
        while (receipts.Count < 5)
        {
            var deliver = await client.Deliveries.ReadAsync().AsTask().Guarded();
            Assert.True(deliver.Pdu.IsDeliveryReceipt);
            Assert.True(DeliveryReceipt.TryParse(deliver.Pdu, out var receipt));
            Assert.True(deliver.Acknowledge());
            receipts.Add(receipt);
        }
        Assert.Equal(responses.Select(r => r.MessageId).Order(), receipts.Select(r => r.MessageId).Order());
        Assert.All(receipts, r => Assert.Equal(MessageState.Delivered, r.State));
        await Wait.Until(() => Volatile.Read(ref smsc.DeliverSmResps) == 5, "deliver_sm_resp for each receipt");
    }

    [Fact]
    public async Task Submit_WithOverlongField_FailsInTheCaller()
    {
        var (_, client) = await StartAsync(new TestSmsc());
        var overlong = new SubmitSm { DestinationAddr = new string('1', 30) };
        Assert.Throws<ArgumentException>(() => { _ = client.SubmitAsync(overlong); });
        Assert.Equal(CommandStatus.Ok, (await client.SubmitAsync(Message("ok")).Guarded()).CommandStatus);
    }

    [Fact]
    public async Task Cancelling_AQueuedSubmit_WithdrawsIt()
    {
        var smsc = new TestSmsc { HoldAnswers = true };
        var (_, client) = await StartAsync(smsc, o => o.Window = 1);
        var first = client.SubmitAsync(Message("first"));
        await Wait.Until(() => !smsc.Held.IsEmpty, "first to arrive");
        using var cts = new CancellationTokenSource();
        var second = client.SubmitAsync(Message("second"), cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.Guarded());
        smsc.ReleaseHeld();
        await first.Guarded();
        Assert.DoesNotContain(smsc.Received, r => r.Text == "second");
    }

    [Fact]
    public async Task RateLimitedBind_StillDeliversEverything()
    {
        var smsc = new TestSmsc();
        var (_, client) = await StartAsync(smsc, o => { o.Window = 10; o.MessagesPerSecond = 500; });
        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => client.SubmitAsync(Message($"p{i}")))).Guarded();
        Assert.All(responses, r => Assert.Equal(CommandStatus.Ok, r.CommandStatus));
        Assert.Equal(60, smsc.Received.Count);
    }
}
