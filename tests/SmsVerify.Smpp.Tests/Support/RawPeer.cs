using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Tests.Support;

/// <summary>An ESME by hand over a bare socket, for what the library's client would never send or never skip.</summary>
internal sealed class RawPeer : IDisposable
{
    private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp);
    private readonly List<byte> _data = [];

    public static async Task<RawPeer> ConnectAsync(IPEndPoint server)
    {
        var peer = new RawPeer();
        await peer._socket.ConnectAsync(server).Guarded();
        return peer;
    }

    public Task SendAsync(Pdu pdu) => _socket.SendAsync(pdu.ToArray()).Guarded();

    /// <summary>The next PDU, or null once the server closed the connection.</summary>
    public async Task<Pdu?> ReceiveAsync()
    {
        var buffer = new byte[1024];
        while (_data.Count < 4 || _data.Count < BinaryPrimitives.ReadInt32BigEndian(_data.Take(4).ToArray()))
        {
            var n = await _socket.ReceiveAsync(buffer).Guarded();
            if (n == 0)
            {
                return null;
            }
            _data.AddRange(buffer.AsSpan(0, n).ToArray());
        }
        var length = BinaryPrimitives.ReadInt32BigEndian(_data.Take(4).ToArray());
        var pdu = PduDecoder.Decode(_data.Take(length).ToArray());
        _data.RemoveRange(0, length);
        return pdu;
    }

    public void Dispose() => _socket.Dispose();
}
