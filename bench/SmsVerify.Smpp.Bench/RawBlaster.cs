using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Bench;

/// <summary>
/// The peer's own ceiling: how fast the SMSC accepts submit_sm when the client costs next to nothing. Every PDU is
/// encoded before the clock starts and written in 64 KB chunks over a plain socket, with no window, while the
/// responses are only counted from their headers. What is left is the SMSC, the kernel and the loopback.
/// </summary>
internal static class RawBlaster
{
    private const int HeaderLength = 16;

    public static async Task<TimeSpan> RunAsync(int port, byte[] text, int count)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(new Bind { Mode = BindMode.Transmitter, SystemId = "esme", Password = "secret", SequenceNumber = 1 }.ToArray());
        var responses = new ResponseCounter(stream);
        if (await responses.ReadAsync(1) != 0)
        {
            throw new InvalidOperationException("The SMSC refused the bind.");
        }

        var one = new SubmitSm { SourceAddr = "SmsVerify", DestinationAddr = "8613800000000", ShortMessage = text }.ToArray();
        var all = new byte[one.Length * count];
        for (var i = 0; i < count; i++)
        {
            one.CopyTo(all, i * one.Length);
            BinaryPrimitives.WriteUInt32BigEndian(all.AsSpan((i * one.Length) + 12), (uint)(i + 2));
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
        await stream.WriteAsync(new Unbind { SequenceNumber = (uint)count + 2 }.ToArray());
        return elapsed;
    }

    /// <summary>Reads PDUs off the stream by their length field and counts the responses whose status is not OK.</summary>
    private sealed class ResponseCounter(NetworkStream stream)
    {
        private readonly byte[] _buffer = new byte[256 * 1024];
        private int _start;
        private int _end;

        public async Task<int> ReadAsync(int responses)
        {
            var failed = 0;
            for (var seen = 0; seen < responses;)
            {
                while (_end - _start >= HeaderLength)
                {
                    var header = _buffer.AsSpan(_start);
                    var length = (int)BinaryPrimitives.ReadUInt32BigEndian(header);
                    if (_end - _start < length)
                    {
                        break;
                    }
                    if (CommandId.IsResponse(BinaryPrimitives.ReadUInt32BigEndian(header[4..])))
                    {
                        seen++;
                        failed += BinaryPrimitives.ReadUInt32BigEndian(header[8..]) == 0 ? 0 : 1;
                    }
                    _start += length;
                    if (seen == responses)
                    {
                        return failed;
                    }
                }
                // Keep the partial PDU and read more behind it.
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                (_end, _start) = (_end - _start, 0);
                var read = await stream.ReadAsync(_buffer.AsMemory(_end));
                _end += read > 0 ? read : throw new InvalidOperationException("The SMSC closed the connection.");
            }
            return failed;
        }
    }
}
