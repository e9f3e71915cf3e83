using System.Text;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Server;
using SmsVerify.Smpp.Tests.Support;
using Xunit.Abstractions;

namespace SmsVerify.Smpp.Tests.Sessions;

/// <summary>deliver_sm is answered by the application, and a slow application holds the SMSC back.</summary>
public class DeliveryTests(ITestOutputHelper output) : SessionTestBase(output)
{
    [Fact]
    public async Task DeliverSm_IsAnsweredOnlyWhenTheApplicationAcknowledges()
    {
        var smsc = new TestSmsc();
        var (server, client) = await StartAsync(smsc, o => o.EnquireLinkInterval = TimeSpan.FromMilliseconds(50));
        Send(server, "hello");
        var delivery = await client.Deliveries.ReadAsync().AsTask().Guarded();
        Assert.Equal("hello", Encoding.ASCII.GetString(delivery.Pdu.ShortMessage.Span));
        await NextEnquireLinkAsync(smsc);
        Assert.Equal(0, Volatile.Read(ref smsc.DeliverSmResps));

        Assert.True(delivery.Acknowledge());
        await Wait.Until(() => Volatile.Read(ref smsc.DeliverSmResps) == 1, "deliver_sm_resp");
        Assert.Equal([CommandStatus.Ok], smsc.DeliverSmRespStatuses);
        Assert.False(delivery.Acknowledge()); // only the first answer goes out
    }

    [Fact]
    public async Task DeliverSm_AcknowledgedWithAnError_GivesTheSmscThatStatus()
    {
        var smsc = new TestSmsc();
        var (server, client) = await StartAsync(smsc);
        Send(server, "later");
        var delivery = await client.Deliveries.ReadAsync().AsTask().Guarded();
        delivery.Acknowledge(CommandStatus.ReceiverTemporaryAppError);
        await Wait.Until(() => Volatile.Read(ref smsc.DeliverSmResps) == 1, "deliver_sm_resp");
        Assert.Equal([CommandStatus.ReceiverTemporaryAppError], smsc.DeliverSmRespStatuses);
    }

    [Fact]
    public async Task Deliveries_WhenFull_HoldTheRestUntilTheApplicationReads()
    {
        var smsc = new TestSmsc();
        var (server, client) = await StartAsync(smsc, o => o.MaxPendingDeliveries = 2);
        for (var i = 0; i < 6; i++)
        {
            Send(server, $"m{i}");
        }
        await Wait.Until(() => client.Deliveries.Count == 2, "the queue to fill");
        var texts = new List<string>();
        while (texts.Count < 6)
        {
            Assert.True(client.Deliveries.Count <= 2);
            var delivery = await client.Deliveries.ReadAsync().AsTask().Guarded();
            texts.Add(Encoding.ASCII.GetString(delivery.Pdu.ShortMessage.Span));
            delivery.Acknowledge();
        }
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"m{i}"), texts);
        await Wait.Until(() => Volatile.Read(ref smsc.DeliverSmResps) == 6, "every deliver_sm answered");
    }

    private static void Send(SmppServer server, string text)
    {
        var session = Assert.Single(server.Sessions);
        session.Send(new DeliverSm { SourceAddr = "8613800000000", DestinationAddr = "106900", ShortMessage = Encoding.ASCII.GetBytes(text) });
    }

    private static async Task NextEnquireLinkAsync(TestSmsc smsc)
    {
        // The client writes in order, so a deliver_sm_resp queued before this enquire_link would reach the SMSC
        // ahead of it: seeing the enquire_link with no response counted means none was sent.
        var before = smsc.EnquireLinks;
        await Wait.Until(() => smsc.EnquireLinks > before + 1, "an enquire_link sent after the read");
    }
}
