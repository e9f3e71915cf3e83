using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Packets;

namespace SmsVerify.Cmpp.Tests.Sessions;

/// <summary>
/// A gateway by hand over a bare socket, for what the in-process gateway would never send: a fixed CONNECT_RESP
/// (a wrong AuthenticatorISMG, say) and raw octets. Everything the client sends after the login is recorded.
/// </summary>
internal sealed class FakeIsmg : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly TaskCompletionSource<NetworkStream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _serving;

    private FakeIsmg(Func<Connect, ConnectResp> answer)
    {
        _listener.Start();
        _serving = Task.Run(() => ServeAsync(answer));
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Channel<Packet> Received { get; } = Channel.CreateUnbounded<Packet>();

    public static FakeIsmg Start(ConnectResp answer) => new(_ => answer);

    /// <summary>A gateway whose CONNECT_RESP is worked out from the CONNECT (a digest over its AuthenticatorSource, say).</summary>
    public static FakeIsmg Start(Func<Connect, ConnectResp> answer) => new(answer);

    /// <summary>Writes <paramref name="octets"/> to the client as they are.</summary>
    public async Task SendAsync(byte[] octets) => await (await _stream.Task).WriteAsync(octets);

    private async Task ServeAsync(Func<Connect, ConnectResp> answerTo)
    {
        using var socket = await _listener.AcceptSocketAsync();
        var stream = new NetworkStream(socket);
        var pending = new List<byte>();
        var chunk = new byte[4096];
        var version = CmppVersion.V30;
        while (true)
        {
            var read = await stream.ReadAsync(chunk);
            if (read == 0)
            {
                Received.Writer.TryComplete();
                return;
            }
            pending.AddRange(chunk.AsSpan(0, read));
            var buffer = new ReadOnlySequence<byte>(pending.ToArray());
            var consumed = 0L;
            while (PacketFramer.TryReadPacket(ref buffer, out var frame))
            {
                consumed += frame.Length;
                var packet = PacketDecoder.Decode(frame, version);
                if (packet is Connect connect)
                {
                    var answer = answerTo(connect);
                    version = answer.Version;
                    answer.SequenceId = packet.SequenceId;
                    await stream.WriteAsync(answer.ToArray());
                    _stream.TrySetResult(stream);
                }
                else
                {
                    Received.Writer.TryWrite(packet);
                }
            }
            pending.RemoveRange(0, (int)consumed);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        if (_stream.Task.IsCompleted)
        {
            (await _stream.Task).Socket.Close();
        }
        await _serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
