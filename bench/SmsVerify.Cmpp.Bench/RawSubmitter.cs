using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Packets;

namespace SmsVerify.Cmpp.Bench;

/// <summary>
/// The gateway's own ceiling: how fast it takes CMPP_SUBMIT when the client costs next to nothing. Every submit is
/// encoded before the clock starts and written in 64 KiB chunks with no window, while the responses are only counted
/// from their headers and Result. What is left is the gateway, the kernel and the loopback.
/// </summary>
internal static class RawSubmitter
{
    public static async Task<TimeSpan> RunAsync(IPEndPoint gateway, CmppVersion version, Submit template, int count)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(gateway);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var connect = Connect.Create("901234", "secret", DateTime.Now, version);
        connect.SequenceId = 1;
        await stream.WriteAsync(connect.ToArray());
        var responses = new ResponseCounter(stream, version);
        if (await responses.ReadAsync(1) != 0)
        {
            throw new InvalidOperationException("The gateway refused the login.");
        }

        template.Version = version;
        template.MsgSrc = "901234";
        var one = template.ToArray();
        var all = new byte[one.Length * count];
        for (var i = 0; i < count; i++)
        {
            one.CopyTo(all, i * one.Length);
            BinaryPrimitives.WriteUInt32BigEndian(all.AsSpan((i * one.Length) + 8), (uint)(i + 2));
        }

        var start = Stopwatch.GetTimestamp();
        var writing = Task.Run(async () =>
        {
            for (var offset = 0; offset < all.Length; offset += 64 * 1024)
            {
                await stream.WriteAsync(all.AsMemory(offset, Math.Min(64 * 1024, all.Length - offset)));
            }
        });
        var failed = await responses.ReadAsync(count);
        var elapsed = Stopwatch.GetElapsedTime(start);
        await writing;
        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} raw submits failed");
        }
        await stream.WriteAsync(new Terminate { SequenceId = (uint)count + 2 }.ToArray());
        return elapsed;
    }

    /// <summary>Reads packets off the stream by Total_Length and counts the CONNECT_RESP / SUBMIT_RESP that are not 0.</summary>
    private sealed class ResponseCounter(NetworkStream stream, CmppVersion version)
    {
        private readonly byte[] _buffer = new byte[256 * 1024];
        private int _start;
        private int _end;

        public async Task<int> ReadAsync(int responses)
        {
            var failed = 0;
            for (var seen = 0; seen < responses;)
            {
                while (_end - _start >= PacketHeader.Length)
                {
                    var packet = _buffer.AsSpan(_start, _end - _start);
                    var length = (int)BinaryPrimitives.ReadUInt32BigEndian(packet);
                    if (packet.Length < length)
                    {
                        break;
                    }
                    var commandId = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
                    if (commandId is CommandId.SubmitResp or CommandId.ConnectResp)
                    {
                        seen++;
                        // Status/Result follows Msg_Id in SUBMIT_RESP and opens CONNECT_RESP; 1 octet in 2.0, 4 in 3.0.
                        var result = packet[(commandId == CommandId.SubmitResp ? 20 : 12)..];
                        failed += (version == CmppVersion.V20 ? result[0] : BinaryPrimitives.ReadUInt32BigEndian(result)) == 0 ? 0 : 1;
                    }
                    _start += length;
                    if (seen == responses)
                    {
                        return failed;
                    }
                }
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                (_end, _start) = (_end - _start, 0);
                var read = await stream.ReadAsync(_buffer.AsMemory(_end));
                _end += read > 0 ? read : throw new InvalidOperationException("The gateway closed the connection.");
            }
            return failed;
        }
    }
}
