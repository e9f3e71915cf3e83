using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Text;
using SmsVerify.Smpp.Tests.Support;
using Xunit.Abstractions;

namespace SmsVerify.Cmpp.Tests.Sessions;

/// <summary>Status reports and MO messages reach the client's <c>Deliveries</c> and are answered on acknowledgement.</summary>
public class DeliveryTests(ITestOutputHelper output) : GatewayTestBase(output)
{
    [Theory]
    [InlineData(CmppVersion.V20)]
    [InlineData(CmppVersion.V30)]
    public async Task StatusReport_ForASubmit_ReachesTheClient_AndItsAckReachesTheGateway(CmppVersion version)
    {
        var gateway = new TestGateway();
        var (_, client) = await StartAsync(gateway, o => o.Version = version);

        var submitted = await client.SubmitAsync(Message("code 482913", phone: "13800138000", registeredDelivery: 1)).Guarded();
        var delivery = await client.Deliveries.ReadAsync().AsTask().Guarded();

        Assert.True(delivery.IsStatusReport);
        var report = delivery.Packet.ReadStatusReport();
        Assert.Equal((submitted.MsgId, ReportStat.Delivered, "13800138000"), (report.MsgId, report.Stat, report.DestTerminalId));
        Assert.True(delivery.Acknowledge());
        Assert.False(delivery.Acknowledge()); // only the first answer is sent
        await Wait.Until(() => !gateway.DeliverResps.IsEmpty, "the DELIVER_RESP");
        var ack = Assert.Single(gateway.DeliverResps);
        Assert.Equal((delivery.Packet.MsgId, SubmitResult.Ok), (ack.MsgId, ack.Result));
    }

    [Fact]
    public async Task MoMessage_ReachesTheClientWithItsTextAndSender()
    {
        var gateway = new TestGateway();
        var (ismg, client) = await StartAsync(gateway);

        ismg.Sessions.Single().SendMo("13800138000", "1069000101", "退订 TD");
        var delivery = await client.Deliveries.ReadAsync().AsTask().Guarded();

        Assert.False(delivery.IsStatusReport);
        var mo = delivery.Packet;
        Assert.Equal(("13800138000", "1069000101", "退订 TD"), (mo.SrcTerminalId, mo.DestId, CmppText.Decode(mo.MsgContent.Span, mo.MsgFmt)));
        delivery.Acknowledge();
        await Wait.Until(() => !gateway.DeliverResps.IsEmpty, "the DELIVER_RESP");
    }

    [Fact]
    public async Task NoReport_WhenTheSubmitDidNotAskForOne()
    {
        var (ismg, client) = await StartAsync(new TestGateway());

        await client.SubmitAsync(Message("no report wanted")).Guarded();
        ismg.Sessions.Single().SendMo("13800138000", "10690001", "marker");

        var first = await client.Deliveries.ReadAsync().AsTask().Guarded();
        Assert.False(first.IsStatusReport); // the MO sent after the submit came first: no report was queued before it
    }

    [Fact]
    public async Task SlowConsumer_PausesTheLink_AndStillGetsEveryMessageInOrder()
    {
        var gateway = new TestGateway();
        var (ismg, client) = await StartAsync(gateway, o => o.MaxPendingDeliveries = 1);

        var session = ismg.Sessions.Single();
        for (var i = 1; i <= 5; i++)
        {
            session.SendMo("13800138000", "10690001", $"reply {i}");
        }
        await Wait.Until(() => client.Deliveries.Count == 1, "the queue to fill");
        var texts = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var delivery = await client.Deliveries.ReadAsync().AsTask().Guarded();
            texts.Add(CmppText.Decode(delivery.Packet.MsgContent.Span, delivery.Packet.MsgFmt));
            delivery.Acknowledge();
        }

        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"reply {i}"), texts);
        Assert.True(Accepted(await client.SubmitAsync(Message("the link read on")).Guarded()));
    }
}
