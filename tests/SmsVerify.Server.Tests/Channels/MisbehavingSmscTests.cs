using System.Text;
using SmsVerify.Server.Channels;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Server.Tests.Channels;

/// <summary>
/// An SMPP channel against an SMSC that answers badly: errors that are its own trouble, answers that break the
/// spec, receipts that cannot be read, a link that drops. The channel must neither fail good messages for good
/// nor hold a healthy bind back.
/// </summary>
public sealed class MisbehavingSmscTests : SmppChannelTestBase
{
    // A breaker that would stay open for the whole test: only a bind made again can let traffic through.
    private static readonly BreakerOptions SlowBreaker = new() { MinimumSamples = 2, ErrorRate = 0.5, Cooldown = TimeSpan.FromHours(1) };

    [Fact]
    public async Task SystemErrorAndGenericNack_AreTransient_SoTheMessageMayGoElsewhereOrLater()
    {
        Smsc.StatusOf = n => n == 1 ? CommandStatus.SystemError : CommandStatus.Ok;
        Smsc.AnswerWith = (n, submit) => n == 2 ? new GenericNack { CommandStatus = CommandStatus.InvalidCommandLength, SequenceNumber = submit.SequenceNumber } : null;
        var channel = await StartChannelAsync();

        var systemError = Assert.IsType<SubmitOutcome.Rejected>(await channel.SubmitAsync(Sms("code 1"), default));
        Assert.Equal(("ESME_RSYSERR", true), (systemError.ErrorCode, systemError.Transient));
        var nacked = Assert.IsType<SubmitOutcome.Rejected>(await channel.SubmitAsync(Sms("code 2"), default));
        Assert.Equal(("ESME_RINVCMDLEN", true), (nacked.ErrorCode, nacked.Transient));
        Assert.Contains("generic_nack", nacked.Reason, StringComparison.Ordinal);
        Assert.IsType<SubmitOutcome.Accepted>(await channel.SubmitAsync(Sms("code 3"), default));
        Assert.Equal(3, Smsc.Submits.Count);
    }

    [Fact]
    public async Task OkAnswer_WithAnOverlongUnterminatedId_IsAccepted_WithTheWholeId()
    {
        var id = string.Concat(Enumerable.Repeat("0123456789", 8));
        Smsc.AnswerWith = (_, submit) => new UnterminatedIdResp(id) { SequenceNumber = submit.SequenceNumber };
        var channel = await StartChannelAsync();

        var accepted = Assert.IsType<SubmitOutcome.Accepted>(await channel.SubmitAsync(Sms("code"), default));

        Assert.Equal(id, Assert.Single(accepted.CarrierMessageIds));
    }

    [Fact]
    public async Task ReceiptsThatCannotBeRead_AreAcknowledged_CountedAndSettleNothing()
    {
        var channel = await StartChannelAsync();

        Smsc.Deliver(ReceiptText("id:a1 sub:001 dlvrd:001 submit date:2611231200 done date:2611231201 stat:?????? err:000 text:"));
        Smsc.Deliver(ReceiptText("id:a2 sub:001 dlvrd:001 submit date:2611231200 done date:2611231201 err:000 text:"));
        Smsc.Deliver(ReceiptText("sub:001 dlvrd:001 stat:DELIVRD err:000 text:"));
        Smsc.Deliver(ReceiptText("id:a3 sub:001 dlvrd:001 submit date:2611231200 done date:2611231201 stat:DELIVRD err:000 text:"));

        // The first event the pipeline sees is the one receipt that can be read.
        Assert.Equal("a3", (await Sink.NextAsync<ReceiptEvent>()).CarrierMessageId);
        await Wait.Until(() => Smsc.DeliverSmResps.Count == 4, "four deliver_sm_resp");
        Assert.All(Smsc.DeliverSmResps, status => Assert.Equal(CommandStatus.Ok, status));
        // The readable one is counted just after its deliver_sm_resp went out; unreadable ones before theirs.
        await Wait.Until(() => channel.Describe().Receipts == 1, "the readable receipt counted");
        Assert.Equal(3L, channel.Describe().UnreadableReceipts);
    }

    [Fact]
    public async Task DroppedLink_BoundAgain_LetsTheBreakerProbeAtOnce_AndSaysSo()
    {
        Smsc.DropAt = n => n <= 2;
        var cameUp = 0;
        Comeback.Raised += () => Interlocked.Increment(ref cameUp);
        var channel = await StartChannelAsync(o => o.Breaker = SlowBreaker);

        for (var i = 0; i < 2; i++)
        {
            Assert.IsType<SubmitOutcome.Unknown>(await channel.SubmitAsync(Sms($"code {i}"), default));
            await Wait.Until(() => Smsc.Binds == i + 2, "the bind to be made again");
        }

        // Two unanswered submits opened the breaker, and the clock has not moved: only the new bind lets it probe.
        await Wait.Until(() => channel.State == ChannelState.Up, "the channel to take messages again");
        Assert.Equal(BreakerState.HalfOpen, channel.Describe().Breaker);
        Assert.IsType<SubmitOutcome.Accepted>(await channel.SubmitAsync(Sms("probe"), default));
        Assert.Equal(BreakerState.Closed, channel.Describe().Breaker);
        // The first bind and both binds made again told delivery that the channel is there.
        await Wait.Until(() => Volatile.Read(ref cameUp) == 3, "three comebacks");
        Assert.Equal(3, Comeback.Count);
        Assert.Equal(2, channel.Describe().Unknown);
    }

    [Fact]
    public async Task HalfAnAnswer_ThenADeadLink_IsUnknown_AndTheResendGoesOnTheNewBind()
    {
        await using var smsc = new HalfWritingSmsc();
        var channel = await StartChannelAsync(port: smsc.Port);

        var unknown = Assert.IsType<SubmitOutcome.Unknown>(await channel.SubmitAsync(Sms("code 1"), default));
        Assert.Empty(unknown.AcceptedCarrierMessageIds);
        await Wait.Until(() => channel.State == ChannelState.Up, "the bind to be made again");
        var resent = Assert.IsType<SubmitOutcome.Accepted>(await channel.SubmitAsync(Sms("code 1") with { Resend = true }, default));

        // The SMSC got it twice: the one copy the half answer leaves open, counted as such.
        Assert.Equal(("id-2", 2), (Assert.Single(resent.CarrierMessageIds), smsc.Submits));
        Assert.Equal((1L, 1L), (channel.Describe().Unknown, channel.Describe().Resent));
    }

    [Fact]
    public async Task ResentMessages_AreCountedAsPossibleCopies()
    {
        var channel = await StartChannelAsync();

        await channel.SubmitAsync(Sms("code 1"), default);
        await channel.SubmitAsync(Sms("code 1") with { Resend = true }, default);

        Assert.Equal((2L, 1L), (channel.Describe().Submitted, channel.Describe().Resent));
    }

    private static DeliverSm ReceiptText(string text) => new()
    {
        SourceAddr = "8613812345678",
        DestinationAddr = "106900",
        EsmClass = DeliverSm.EsmClassDeliveryReceipt,
        ShortMessage = Encoding.ASCII.GetBytes(text),
    };

    /// <summary>An OK submit_sm_resp whose message_id runs to the end of the PDU without its NUL, as some SMSCs send.</summary>
    private sealed class UnterminatedIdResp(string id) : ResponsePdu
    {
        public override uint CommandId => SmsVerify.Smpp.Codec.CommandId.SubmitSmResp;

        protected override int GetOkBodyLength() => id.Length;

        protected override void WriteOkBody(ref PduWriter writer) => writer.WriteBytes(Encoding.ASCII.GetBytes(id));
    }
}
