using System.Buffers;
using System.Net;
using System.Net.Sockets;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Packets;
using SmsVerify.Cmpp.Tests.Sessions;
using SmsVerify.Smpp.Tests.Support;

namespace SmsVerify.Cmpp.Tests.Support;

/// <summary>An SP by hand over a bare socket, logged in with the test account.</summary>
internal sealed class RawSp : IDisposable
{
    private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp);
    private readonly List<byte> _data = [];

    public static async Task<RawSp> LoginAsync(IPEndPoint gateway)
    {
        var sp = new RawSp();
        await sp._socket.ConnectAsync(gateway).Guarded();
        await sp.SendAsync(Connect.Create(GatewayTestBase.SpId, GatewayTestBase.Secret, DateTime.Now, CmppVersion.V30).ToArray());
        Assert.Equal(ConnectStatus.Ok, Assert.IsType<ConnectResp>(await sp.ReceiveAsync()).Status);
        return sp;
    }

    public Task SendAsync(byte[] octets) => _socket.SendAsync(octets).Guarded();

    /// <summary>The next packet, or null once the gateway closed the connection.</summary>
    public async Task<Packet?> ReceiveAsync()
    {
        var chunk = new byte[1024];
        while (true)
        {
            var buffer = new ReadOnlySequence<byte>(_data.ToArray());
            if (PacketFramer.TryReadPacket(ref buffer, out var frame))
            {
                _data.RemoveRange(0, (int)frame.Length);
                return PacketDecoder.Decode(frame, CmppVersion.V30);
            }
            var read = await _socket.ReceiveAsync(chunk).Guarded();
            if (read == 0)
            {
                return null;
            }
            _data.AddRange(chunk.AsSpan(0, read));
        }
    }

    public void Dispose() => _socket.Dispose();
}
