using System.Net.Sockets;
using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Tests.Support;
using Xunit.Abstractions;

namespace SmsVerify.Smpp.Tests.Sessions;

public class BindTests(ITestOutputHelper output) : SessionTestBase(output)
{
    [Fact]
    public async Task Bind_WithRightCredentials_IsBound()
    {
        var smsc = new TestSmsc();
        var (_, client) = await StartAsync(smsc);
        Assert.True(client.IsBound);
        Assert.Equal(1, smsc.Binds);
    }

    [Fact]
    public async Task Bind_WithWrongPassword_FailsWithInvalidPassword()
    {
        var (_, client) = await StartAsync(new TestSmsc(), o => o.Password = "wrong", connect: false);
        var error = await Assert.ThrowsAsync<SmppBindException>(() => client.ConnectAsync().Guarded());
        Assert.Equal(CommandStatus.InvalidPassword, error.CommandStatus);
        Assert.Contains("ESME_RINVPASWD", error.Message, StringComparison.Ordinal);
        Assert.False(client.IsBound);
    }

    [Fact]
    public async Task Unbind_IsGraceful_AndLaterSubmitsAreNotSent()
    {
        var smsc = new TestSmsc();
        var (_, client) = await StartAsync(smsc);
        var resp = await client.SubmitAsync(Message("before")).Guarded();
        Assert.Equal(CommandStatus.Ok, resp.CommandStatus);
        await client.UnbindAsync().Guarded();
        await Wait.Until(() => smsc.Unbinds == 1, "the server saw unbind");
        Assert.False(client.IsBound);
        await Assert.ThrowsAsync<SmppNotSentException>(() => client.SubmitAsync(Message("after")).Guarded());
    }

    [Fact]
    public async Task EnquireLink_IsSentAndAnswered_KeepingTheLinkUp()
    {
        var smsc = new TestSmsc();
        var lost = 0;
        var (_, client) = await StartAsync(smsc, o => o.EnquireLinkInterval = TimeSpan.FromMilliseconds(30), connect: false);
        client.LinkLost += _ => Interlocked.Increment(ref lost);
        await client.ConnectAsync().Guarded();
        await Wait.Until(() => smsc.EnquireLinks >= 3, "three enquire_link");
        Assert.True(client.IsBound);
        Assert.Equal(0, lost);
        Assert.Equal(1, smsc.Binds);
    }

    [Fact]
    public async Task DeadLink_WhenEnquireLinkGoesUnanswered_IsDetectedAndRebound()
    {
        var smsc = new TestSmsc { FirstSessionGoesSilent = true };
        var reasons = new List<string>();
        var (_, client) = await StartAsync(smsc, o =>
        {
            o.EnquireLinkInterval = TimeSpan.FromMilliseconds(50);
            // Short enough to keep the test quick, long enough that a loaded machine does not fake a dead link.
            o.ResponseTimeout = TimeSpan.FromSeconds(1);
        }, connect: false);
        client.LinkLost += r => { lock (reasons) { reasons.Add(r); } };
        await client.ConnectAsync().Guarded();
        await Wait.Until(() => smsc.Binds >= 2, "a second bind after the dead link");
        lock (reasons)
        {
            Assert.Contains("no response to enquire_link", reasons[0], StringComparison.Ordinal);
        }
        Assert.Equal(CommandStatus.Ok, (await client.SubmitAsync(Message("after")).Guarded()).CommandStatus);
    }

    [Fact]
    public async Task Server_AnswersGarbageWithGenericNack_AndKeepsServing()
    {
        var smsc = new TestSmsc();
        var (server, _) = await StartAsync(smsc);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.EndPoint);
        byte[] unknown = [0, 0, 0, 16, 0, 0, 7, 0x77, 0, 0, 0, 0, 0, 0, 0, 9];
        byte[] truncatedBind = [0, 0, 0, 18, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 10, 0x41, 0x42];
        await socket.SendAsync(unknown.Concat(truncatedBind).Concat(new EnquireLink { SequenceNumber = 11 }.ToArray()).ToArray());
        var received = new List<Pdu>();
        var buffer = new byte[256];
        var data = new List<byte>();
        while (received.Count < 3)
        {
            var n = await socket.ReceiveAsync(buffer).Guarded();
            Assert.NotEqual(0, n);
            data.AddRange(buffer.AsSpan(0, n).ToArray());
            while (data.Count >= 16 && data.Count >= data[3])
            {
                received.Add(PduDecoder.Decode(data.Take(data[3]).ToArray()));
                data.RemoveRange(0, data[3]);
            }
        }
        Assert.Equal((CommandStatus.InvalidCommandId, 9u), (Assert.IsType<GenericNack>(received[0]).CommandStatus, received[0].SequenceNumber));
        Assert.Equal((CommandStatus.InvalidSystemId, 10u), (Assert.IsType<GenericNack>(received[1]).CommandStatus, received[1].SequenceNumber));
        Assert.Equal(11u, Assert.IsType<EnquireLinkResp>(received[2]).SequenceNumber);
    }

    [Fact]
    public async Task Server_ClosesAfterAnsweringAnInvalidCommandLength()
    {
        var (server, _) = await StartAsync(new TestSmsc());
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.EndPoint);
        await socket.SendAsync(new byte[] { 0, 0, 0, 8, 0, 0, 0, 0x15, 0, 0, 0, 0, 0, 0, 0, 1 });
        var buffer = new byte[64];
        var n = await socket.ReceiveAsync(buffer).Guarded();
        var nack = Assert.IsType<GenericNack>(PduDecoder.Decode(buffer.AsSpan(0, n)));
        Assert.Equal(CommandStatus.InvalidCommandLength, nack.CommandStatus);
        Assert.Equal(0, await socket.ReceiveAsync(buffer).Guarded()); // then the connection is closed
    }

    [Fact]
    public async Task UnbindFromTheSmsc_IsAnswered_AndTheClientBindsAgain()
    {
        var smsc = new TestSmsc();
        var (server, client) = await StartAsync(smsc);
        var reasons = new List<string>();
        client.LinkLost += r => { lock (reasons) { reasons.Add(r); } };
        Assert.True(Assert.Single(server.Sessions).Send(new Unbind()));
        await Wait.Until(() => smsc.Binds == 2, "a new bind after the SMSC unbound");
        lock (reasons)
        {
            Assert.Equal("unbound by the SMSC", Assert.Single(reasons));
        }
        Assert.Equal(CommandStatus.Ok, (await client.SubmitAsync(Message("after")).Guarded()).CommandStatus);
    }
}
