using System.Text;
using SmsVerify.Server.Channels;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Text;

namespace SmsVerify.Server.Tests.Channels;

public sealed class SmppChannelInboundTests : SmppChannelTestBase
{
    [Fact]
    public async Task Receipts_BecomeReceiptEvents_ForTheCarrierIdsTheSubmitReturned()
    {
        var channel = await StartChannelAsync();
        var accepted = Assert.IsType<SubmitOutcome.Accepted>(await channel.SubmitAsync(Sms("code 1"), default));
        var id = Assert.Single(accepted.CarrierMessageIds);

        Smsc.Deliver(Receipt(id, "DELIVRD", "000"));
        var delivered = await Sink.NextAsync<ReceiptEvent>();
        Assert.Equal(("cmcc", id, ReceiptOutcome.Delivered, (string?)null), (delivered.Channel, delivered.CarrierMessageId, delivered.Outcome, delivered.ErrorCode));
        // 2611231201 Beijing time is 04:01 UTC.
        Assert.Equal(new DateTime(2026, 11, 23, 4, 1, 0, DateTimeKind.Utc), delivered.DoneAt);

        Smsc.Deliver(Receipt("abc", "UNDELIV", "013"));
        var failed = await Sink.NextAsync<ReceiptEvent>();
        Assert.Equal(("abc", ReceiptOutcome.Failed, "013"), (failed.CarrierMessageId, failed.Outcome, failed.ErrorCode));

        Smsc.Deliver(Receipt("def", "EXPIRED", "000"));
        Assert.Equal(ReceiptOutcome.Expired, (await Sink.NextAsync<ReceiptEvent>()).Outcome);
        await Wait.Until(() => Smsc.DeliverSmResps.Count == 3, "three deliver_sm_resp");
        Assert.All(Smsc.DeliverSmResps, status => Assert.Equal(CommandStatus.Ok, status));
        // Counted just after the deliver_sm_resp went out.
        await Wait.Until(() => channel.Describe().Receipts == 3, "three receipts counted");
    }

    [Fact]
    public async Task DeliverSmResp_IsSentOnlyAfterTheSinkReturned()
    {
        Sink.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await StartChannelAsync();
        Smsc.Deliver(Receipt("a1", "DELIVRD", "000"));
        await Sink.NextAsync<ReceiptEvent>();

        // The bind writes in order: an enquire_link queued after the sink was called reaching the SMSC first
        // means no deliver_sm_resp went out meanwhile.
        var enquireLinks = Smsc.EnquireLinks;
        await Wait.Until(() => Smsc.EnquireLinks > enquireLinks + 1, "an enquire_link sent while the sink holds the receipt");
        Assert.Empty(Smsc.DeliverSmResps);

        Sink.Gate.SetResult();
        await Wait.Until(() => Smsc.DeliverSmResps.Count == 1, "the deliver_sm_resp");
        Assert.Equal(CommandStatus.Ok, Assert.Single(Smsc.DeliverSmResps));
    }

    [Fact]
    public async Task SinkThatThrows_MakesTheSmscSeeATransientError()
    {
        Sink.Fail = true;
        var channel = await StartChannelAsync();
        Smsc.Deliver(Receipt("a1", "DELIVRD", "000"));
        await Wait.Until(() => Smsc.DeliverSmResps.Count == 1, "the deliver_sm_resp");
        Assert.Equal(CommandStatus.ReceiverTemporaryAppError, Assert.Single(Smsc.DeliverSmResps));
        Assert.Equal(0, channel.Describe().Receipts);
        Assert.Contains("the store is away", channel.Describe().LastError);
    }

    [Fact]
    public async Task MessageFromAPhone_BecomesAnInboundEvent()
    {
        var channel = await StartChannelAsync();
        Smsc.Deliver(new DeliverSm
        {
            SourceAddr = "13812345678",
            DestinationAddr = "10690012",
            DataCoding = DataCoding.Ucs2,
            ShortMessage = Ucs2.Encode("退订"),
        });
        var inbound = await Sink.NextAsync<InboundEvent>();
        Assert.Equal(("cmcc", "+8613812345678", "10690012", "退订"), (inbound.Channel, inbound.From, inbound.To, inbound.Text));

        Smsc.Deliver(new DeliverSm { SourceAddr = "8613912345678", SourceAddrTon = 1, DestinationAddr = "106900", ShortMessage = Gsm7.Encode("TD") });
        var gsm = await Sink.NextAsync<InboundEvent>();
        Assert.Equal(("+8613912345678", "TD"), (gsm.From, gsm.Text));
        await Wait.Until(() => channel.Describe().Inbound == 2, "both counted");
    }

    [Fact]
    public async Task PartOfALongReply_HasItsHeaderStripped()
    {
        await StartChannelAsync();
        Smsc.Deliver(new DeliverSm
        {
            SourceAddr = "13812345678",
            DestinationAddr = "106900",
            EsmClass = SmsSegment.EsmClassUdhIndicator,
            DataCoding = DataCoding.Ucs2,
            ShortMessage = (byte[])[0x05, 0x00, 0x03, 0x2A, 0x02, 0x01, .. Ucs2.Encode("第一部分")],
        });
        var part = await Sink.NextAsync<InboundEvent>();
        Assert.Equal(("第一部分", new InboundPart(0x2A, 2, 1)), (part.Text, part.Part));
    }

    [Fact]
    public async Task LongReplyParts_NameTheirPlace_By16BitReferenceOrSarTlvs()
    {
        await StartChannelAsync();
        Smsc.Deliver(new DeliverSm
        {
            SourceAddr = "13812345678",
            DestinationAddr = "106900",
            EsmClass = SmsSegment.EsmClassUdhIndicator,
            ShortMessage = (byte[])[0x06, 0x08, 0x04, 0x01, 0x02, 0x03, 0x03, .. Gsm7.Encode("end")],
        });
        Smsc.Deliver(new DeliverSm
        {
            SourceAddr = "13812345678",
            DestinationAddr = "106900",
            ShortMessage = Gsm7.Encode("middle"),
            Tlvs = new OptionalParameters { SarMsgRefNum = 7, SarTotalSegments = 2, SarSegmentSeqnum = 2 },
        });
        Smsc.Deliver(new DeliverSm { SourceAddr = "13812345678", DestinationAddr = "106900", ShortMessage = Gsm7.Encode("whole") });

        var parts = new Dictionary<string, InboundPart?>();
        for (var i = 0; i < 3; i++)
        {
            var inbound = await Sink.NextAsync<InboundEvent>();
            parts[inbound.Text] = inbound.Part;
        }

        Assert.Equal(new InboundPart(0x0102, 3, 3), parts["end"]);
        Assert.Equal(new InboundPart(7, 2, 2), parts["middle"]);
        Assert.Null(parts["whole"]);
    }

    private static DeliverSm Receipt(string id, string stat, string err) => new()
    {
        SourceAddr = "8613812345678",
        DestinationAddr = "106900",
        EsmClass = DeliverSm.EsmClassDeliveryReceipt,
        ShortMessage = Encoding.ASCII.GetBytes($"id:{id} sub:001 dlvrd:001 submit date:2611231200 done date:2611231201 stat:{stat} err:{err} text:"),
    };
}
