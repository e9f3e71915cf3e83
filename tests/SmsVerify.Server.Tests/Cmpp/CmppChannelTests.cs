using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmsVerify.Cmpp.Client;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Gateway;
using SmsVerify.Cmpp.Packets;
using SmsVerify.Cmpp.Text;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Tests.Channels;

namespace SmsVerify.Server.Tests.Cmpp;

/// <summary>A CMPP channel on its own against the in-process ISMG, with a fake sink: what each answer becomes.</summary>
public sealed class CmppChannelTests : IAsyncLifetime
{
    private readonly TestIsmg _ismg = new();
    private readonly FakeSink _sink = new();
    private CmppGateway _gateway = null!;
    private CmppMessageChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _gateway = new CmppGateway(new CmppGatewayOptions { Accounts = new() { [TestIsmg.SpId] = TestIsmg.Secret } }, _ismg).Start();
        var options = new ChannelOptions
        {
            Name = "cmcc",
            Protocol = ChannelProtocol.Cmpp3,
            Host = "127.0.0.1",
            Port = _gateway.EndPoint.Port,
            SpId = TestIsmg.SpId,
            SharedSecret = TestIsmg.Secret,
            SourceAddress = "106900",
        };
        _channel = new CmppMessageChannel(options, new FakeTimeProvider(DateTimeOffset.UtcNow), NullLoggerFactory.Instance, _sink, Tune);
        _channel.Start();
        await Wait.Until(() => _channel.State == ChannelState.Up, "the CMPP link");
    }

    public async Task DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task Report_BecomesAReceipt_ForTheIdTheSubmitReturned()
    {
        var accepted = Assert.IsType<SubmitOutcome.Accepted>(await _channel.SubmitAsync(Sms(), default));

        var receipt = await _sink.NextAsync<ReceiptEvent>();
        Assert.Equal((Assert.Single(accepted.CarrierMessageIds), ReceiptOutcome.Delivered), (receipt.CarrierMessageId, receipt.Outcome));
        Assert.True(MsgId.TryParse(receipt.CarrierMessageId, out _));
    }

    [Fact]
    public async Task FlowControlToTheEnd_IsATransientRefusal()
    {
        _ismg.ResultOf = _ => SubmitResult.FlowControl;

        var rejected = Assert.IsType<SubmitOutcome.Rejected>(await _channel.SubmitAsync(Sms(), default));

        Assert.Equal(("cmpp_result_8", true), (rejected.ErrorCode, rejected.Transient));
        Assert.Equal(2, _ismg.Submits.Count); // the first try and the one retry this link allows
    }

    [Fact]
    public async Task ResultNamingTheMessage_IsAPermanentRefusal_ThatLeavesTheBreakerClosed()
    {
        _ismg.ResultOf = _ => SubmitResult.MessageTooLong;

        var rejected = Assert.IsType<SubmitOutcome.Rejected>(await _channel.SubmitAsync(Sms(), default));

        Assert.Equal(("cmpp_result_6", false), (rejected.ErrorCode, rejected.Transient));
        Assert.Null(_channel.Describe().LastError);
    }

    [Fact]
    public async Task ResultNamingTheChannelsSettings_IsPermanent_AndShownToOperators()
    {
        _ismg.ResultOf = _ => SubmitResult.InvalidServiceId;

        var rejected = Assert.IsType<SubmitOutcome.Rejected>(await _channel.SubmitAsync(Sms(), default));

        Assert.Equal(("cmpp_result_7", false), (rejected.ErrorCode, rejected.Transient));
        Assert.Contains("service id error", _channel.Describe().LastError);
    }

    [Fact]
    public async Task DeliverResp_IsSentOnlyAfterTheSinkReturned_AndAFailedSinkAsksForItAgain()
    {
        _sink.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _channel.SubmitAsync(Sms(), default);
        await _sink.NextAsync<ReceiptEvent>();
        // A submit after the report was handed over comes back answered while the report is still held.
        Assert.IsType<SubmitOutcome.Accepted>(await _channel.SubmitAsync(Sms(), default));
        Assert.Empty(_ismg.DeliverResps);

        _sink.Fail = true;
        _sink.Gate.SetResult();

        await Wait.Until(() => _ismg.DeliverResps.Count == 2, "both reports answered");
        Assert.All(_ismg.DeliverResps, r => Assert.Equal(SubmitResult.FlowControl, r.Result));
        Assert.Equal(0, _channel.Describe().Receipts);
    }

    [Fact]
    public async Task PartOfALongReply_HasItsHeaderStripped_AndNamesItsPlace()
    {
        var session = Assert.Single(_gateway.Sessions);
        session.Send(new Deliver
        {
            MsgId = session.NextMsgId().Value,
            DestId = "10690001",
            SrcTerminalId = "13812345678",
            TpUdhi = 1,
            MsgFmt = MsgFmt.Ucs2,
            MsgContent = (byte[])[0x05, 0x00, 0x03, 0x2A, 0x02, 0x01, .. CmppText.Encode("第一部分", MsgFmt.Ucs2)],
        });

        var part = await _sink.NextAsync<InboundEvent>();
        Assert.Equal(("+8613812345678", "10690001", "第一部分", new InboundPart(0x2A, 2, 1)), (part.From, part.To, part.Text, part.Part));
    }

    private static OutboundSms Sms() => new(Guid.NewGuid(), "+8613812345678", "【某某科技】验证码 123456", "01");

    // Short pauses so flow-control retries and reconnects happen within a test; the response timeout is a hang guard only.
    private static void Tune(CmppClientOptions options)
    {
        options.FlowControlPause = TimeSpan.FromMilliseconds(10);
        options.MaxFlowControlRetries = 1;
        options.ReconnectMinDelay = TimeSpan.FromMilliseconds(20);
        options.ReconnectMaxDelay = TimeSpan.FromMilliseconds(200);
        options.ResponseTimeout = TimeSpan.FromSeconds(20);
    }
}
