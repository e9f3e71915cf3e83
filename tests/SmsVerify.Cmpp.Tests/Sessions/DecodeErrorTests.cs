using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Packets;
using SmsVerify.Cmpp.Tests.Support;
using SmsVerify.Smpp.Tests.Support;
using Xunit.Abstractions;
using static SmsVerify.Cmpp.Tests.Support.Octets;

namespace SmsVerify.Cmpp.Tests.Sessions;

/// <summary>A malformed packet over the wire is answered as a structure error and the connection reads on.</summary>
public class DecodeErrorTests(ITestOutputHelper output) : GatewayTestBase(output)
{
    [Fact]
    public async Task Gateway_AnswersATruncatedSubmitWithResult1_AndKeepsTheLink()
    {
        var (ismg, _) = await StartAsync(new TestGateway(), connect: false);
        using var sp = await RawSp.LoginAsync(ismg.EndPoint);

        // A SUBMIT of 20 octets: Total_Length is honest, but the body stops after Msg_Id.
        await sp.SendAsync(Hex("00000014 00000004 00000063 0000000000000000"));
        await sp.SendAsync(new ActiveTest { SequenceId = 100 }.ToArray());

        var answer = Assert.IsType<SubmitResp>(await sp.ReceiveAsync());
        Assert.Equal((0x63u, SubmitResult.InvalidStructure), (answer.SequenceId, answer.Result));
        Assert.Equal(100u, Assert.IsType<ActiveTestResp>(await sp.ReceiveAsync()).SequenceId);
    }

    [Fact]
    public async Task Gateway_ClosesAConnectionWithAnImpossibleLength_AndStillAcceptsOthers()
    {
        var (ismg, client) = await StartAsync(new TestGateway(), connect: false);
        using var sp = await RawSp.LoginAsync(ismg.EndPoint);

        await sp.SendAsync(Hex("00000005 00000008 00000001"));

        Assert.Null(await sp.ReceiveAsync());
        await client.ConnectAsync().Guarded();
        Assert.True(Accepted(await client.SubmitAsync(Message("still serving")).Guarded()));
    }

    [Fact]
    public async Task Client_AnswersAnUnreadableDeliverWithResult1_AndReadsTheNextOne()
    {
        await using var fake = FakeIsmg.Start(new ConnectResp { Version = CmppVersion.V30 });
        var client = AddClient(fake.Port, o => o.RequireIsmgAuthenticator = false);
        await client.ConnectAsync().Guarded();

        await fake.SendAsync(Hex("00000014 00000005 00000064 C3A092803039002A")); // a DELIVER cut after Msg_Id
        var good = new Deliver { SequenceId = 101, DestId = "10690001", SrcTerminalId = "13800138000", MsgContent = "TD"u8.ToArray() };
        await fake.SendAsync(good.ToArray());

        var answer = Assert.IsType<DeliverResp>(await fake.Received.Reader.ReadAsync().AsTask().Guarded());
        Assert.Equal((0x64u, SubmitResult.InvalidStructure), (answer.SequenceId, answer.Result));
        var delivery = await client.Deliveries.ReadAsync().AsTask().Guarded();
        Assert.Equal(101u, delivery.Packet.SequenceId);
    }

    [Fact]
    public async Task Client_GivesAnUnreadableSubmitRespAnUnknownOutcome_AndTheLinkGoesOn()
    {
        await using var fake = FakeIsmg.Start(new ConnectResp { Version = CmppVersion.V30 });
        var client = AddClient(fake.Port, o => o.RequireIsmgAuthenticator = false);
        await client.ConnectAsync().Guarded();

        var first = client.SubmitAsync(Message("first"));
        var seen = await fake.Received.Reader.ReadAsync().AsTask().Guarded();
        await fake.SendAsync(Hex($"00000014 80000004 {seen.SequenceId:X8} C3A092803039002A")); // Result missing
        var second = client.SubmitAsync(Message("second"));
        seen = await fake.Received.Reader.ReadAsync().AsTask().Guarded();
        await fake.SendAsync(new SubmitResp { SequenceId = seen.SequenceId, MsgId = 42 }.ToArray());

        await Assert.ThrowsAsync<Client.CmppUnknownOutcomeException>(() => first.Guarded());
        Assert.Equal(42UL, (await second.Guarded()).MsgId);
    }

    [Fact]
    public async Task Client_GivenAResponseOfTheWrongKind_FailsTheSubmitAndFreesItsWindowSlot()
    {
        await using var fake = FakeIsmg.Start(new ConnectResp { Version = CmppVersion.V30 });
        var client = AddClient(fake.Port, o => (o.RequireIsmgAuthenticator, o.Window) = (false, 1));
        await client.ConnectAsync().Guarded();

        var first = client.SubmitAsync(Message("first"));
        var second = client.SubmitAsync(Message("second"));
        var seen = await fake.Received.Reader.ReadAsync().AsTask().Guarded();
        await fake.SendAsync(new DeliverResp { SequenceId = seen.SequenceId }.ToArray()); // answers the submit's Sequence_Id
        seen = await fake.Received.Reader.ReadAsync().AsTask().Guarded(); // with a window of 1: only once the slot is free
        await fake.SendAsync(new SubmitResp { SequenceId = seen.SequenceId, MsgId = 7 }.ToArray());

        await Assert.ThrowsAsync<Client.CmppUnknownOutcomeException>(() => first.Guarded());
        Assert.Equal(7UL, (await second.Guarded()).MsgId);
    }
}
