using System.Net.Sockets;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Server.Tests.SmppGateway;

/// <summary>
/// A bare ESME on a socket, for what the library's client does not send (data_sm): writes a PDU, reads the next one.
/// </summary>
internal sealed class RawGateway(TcpClient socket) : IAsyncDisposable
{
    private uint _sequence;

    public static async Task<RawGateway> ConnectAsync(int port)
    {
        var socket = new TcpClient();
        await socket.ConnectAsync("127.0.0.1", port);
        return new RawGateway(socket);
    }

    /// <summary>Sends a request and returns the next PDU that comes back (its answer, when nothing else is due).</summary>
    public async Task<Pdu> RequestAsync(Pdu request)
    {
        request.SequenceNumber = ++_sequence;
        var stream = socket.GetStream();
        await stream.WriteAsync(request.ToArray());
        var header = new byte[4];
        await stream.ReadExactlyAsync(header);
        var length = header[0] << 24 | header[1] << 16 | header[2] << 8 | header[3];
        var pdu = new byte[length];
        header.CopyTo(pdu, 0);
        await stream.ReadExactlyAsync(pdu.AsMemory(4));
        return PduDecoder.Decode(pdu);
    }

    public ValueTask DisposeAsync()
    {
        socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
