using SmsVerify.Server.Channels;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Text;

namespace SmsVerify.Server.Tests.Channels;

public sealed class SmppChannelSubmitTests : SmppChannelTestBase
{
    [Fact]
    public async Task ShortText_IsOneSubmitSm_WithAddressesAndReceiptRequested()
    {
        var channel = await StartChannelAsync();
        var outcome = await channel.SubmitAsync(Sms("Your code is 482913", extension: "12"), default);

        var accepted = Assert.IsType<SubmitOutcome.Accepted>(outcome);
        var submit = Assert.Single(Smsc.Submits);
        Assert.Equal("8613812345678", submit.DestinationAddr);
        Assert.Equal((1, 1), (submit.DestAddrTon, submit.DestAddrNpi));
        Assert.Equal("10690012", submit.SourceAddr);
        Assert.Equal(1, submit.RegisteredDelivery);
        Assert.Equal(DataCoding.SmscDefault, submit.DataCoding);
        Assert.Equal(0, submit.EsmClass);
        Assert.Equal("Your code is 482913", Gsm7.Decode(submit.ShortMessage.Span));
        Assert.Single(accepted.CarrierMessageIds);
    }

    [Fact]
    public async Task LongChineseText_IsSplitIntoUcs2Parts_WithOneUdhReference()
    {
        var channel = await StartChannelAsync();
        var text = "【示例】" + string.Concat(Enumerable.Repeat("您的验证码是482913，五分钟内有效。", 8));
        var outcome = await channel.SubmitAsync(Sms(text), default);

        var accepted = Assert.IsType<SubmitOutcome.Accepted>(outcome);
        var parts = Smsc.Submits.ToArray();
        Assert.Equal(SmsSplitter.CountParts(text), parts.Length);
        Assert.True(parts.Length > 1);
        Assert.Equal(parts.Length, accepted.CarrierMessageIds.Count);
        var reference = parts[0].ShortMessage.Span[3];
        var joined = "";
        for (var i = 0; i < parts.Length; i++)
        {
            var octets = parts[i].ShortMessage.Span;
            Assert.Equal(DataCoding.Ucs2, parts[i].DataCoding);
            Assert.Equal(SmsSegment.EsmClassUdhIndicator, parts[i].EsmClass);
            Assert.Equal([0x05, 0x00, 0x03, reference, (byte)parts.Length, (byte)(i + 1)], octets[..6].ToArray());
            Assert.Equal(1, parts[i].RegisteredDelivery);
            joined += Ucs2.Decode(octets[6..]);
        }
        Assert.Equal(text, joined);
    }

    [Fact]
    public async Task Ucs2Coding_AndSarConcatenation_AreUsedWhenConfigured()
    {
        var channel = await StartChannelAsync(o =>
        {
            o.DataCoding = ChannelDataCoding.Ucs2;
            o.Concatenation = ConcatenationMode.Sar;
        });
        var text = new string('a', 100); // GSM would take one part; UCS-2 takes two
        Assert.IsType<SubmitOutcome.Accepted>(await channel.SubmitAsync(Sms(text), default));

        var parts = Smsc.Submits.ToArray();
        Assert.Equal(2, parts.Length);
        Assert.All(parts, p => Assert.Equal(DataCoding.Ucs2, p.DataCoding));
        Assert.All(parts, p => Assert.Equal(0, p.EsmClass));
        Assert.Equal([1, 2], parts.Select(p => (int)p.Tlvs!.SarSegmentSeqnum!.Value));
        Assert.All(parts, p => Assert.Equal((byte)2, p.Tlvs!.SarTotalSegments));
        Assert.Equal(text, string.Concat(parts.Select(p => Ucs2.Decode(p.ShortMessage.Span))));
    }

    [Fact]
    public async Task BadDestination_IsRejectedPermanently_WithTheSmppStatusName()
    {
        Smsc.StatusOf = _ => CommandStatus.InvalidDestinationAddress;
        var channel = await StartChannelAsync();
        var rejected = Assert.IsType<SubmitOutcome.Rejected>(await channel.SubmitAsync(Sms("code 1"), default));
        Assert.Equal("ESME_RINVDSTADR", rejected.ErrorCode);
        Assert.False(rejected.Transient);
    }

    [Fact]
    public async Task Throttling_AfterTheClientsRetries_IsRejectedAsTransient()
    {
        Smsc.StatusOf = _ => CommandStatus.Throttled;
        var channel = await StartChannelAsync();
        var rejected = Assert.IsType<SubmitOutcome.Rejected>(await channel.SubmitAsync(Sms("code 1"), default));
        Assert.Equal("ESME_RTHROTTLED", rejected.ErrorCode);
        Assert.True(rejected.Transient);
        Assert.Equal(2, Smsc.Submits.Count); // the first try and the client's one retry
    }

    [Fact]
    public async Task LinkDroppedBeforeTheAnswer_IsUnknown()
    {
        Smsc.DropAt = n => n == 1;
        var channel = await StartChannelAsync();
        var unknown = Assert.IsType<SubmitOutcome.Unknown>(await channel.SubmitAsync(Sms("code 1"), default));
        Assert.Empty(unknown.AcceptedCarrierMessageIds);
    }

    [Fact]
    public async Task LaterPartRefused_AfterEarlierPartsWereAccepted_IsUnknown_WithTheAcceptedIds()
    {
        Smsc.StatusOf = n => n == 2 ? CommandStatus.SystemError : CommandStatus.Ok;
        var channel = await StartChannelAsync();
        var unknown = Assert.IsType<SubmitOutcome.Unknown>(await channel.SubmitAsync(Sms(new string('验', 150)), default));
        Assert.Single(unknown.AcceptedCarrierMessageIds);
        Assert.Equal(2, Smsc.Submits.Count); // the third part is never sent
        Assert.Contains("ESME_RSYSERR", unknown.Reason);
    }

    [Fact]
    public async Task ChannelWhoseSmscIsDown_IsDown_AndRejectsAsTransient()
    {
        var channel = await StartChannelAsync(port: ClosedPort(), waitUntilUp: false);
        await Wait.Until(() => channel.State == ChannelState.Down, "the first bind attempt to fail");
        var rejected = Assert.IsType<SubmitOutcome.Rejected>(await channel.SubmitAsync(Sms("code 1"), default));
        Assert.Equal(ChannelErrorCodes.ChannelDown, rejected.ErrorCode);
        Assert.True(rejected.Transient);
        Assert.Contains("bind failed", channel.Describe().LastError);
    }

    [Fact]
    public async Task Submits_AreSpreadOverTheBindsThatAreUp()
    {
        var server = StartSmsc();
        var channel = await StartChannelAsync(o => o.Binds = 3, port: server.EndPoint.Port);
        await Wait.Until(() => channel.Describe().BindsUp == 3, "all three binds");
        for (var i = 0; i < 6; i++)
        {
            Assert.IsType<SubmitOutcome.Accepted>(await channel.SubmitAsync(Sms($"code {i}"), default));
        }
        Assert.Equal([2, 2, 2], Smsc.SubmitsPerSession.Values);
        var view = channel.Describe();
        Assert.Equal((6, 6, 3), (view.Submitted, view.Accepted, view.BindsTotal));
    }
}
