using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Server.Tests.Channels;

/// <summary>
/// An SMSC on a raw socket, for what the library's own SMSC will not do: on its first connection it answers the
/// first submit_sm with half a submit_sm_resp and closes the link. Later connections answer every submit whole.
/// </summary>
internal sealed class HalfWritingSmsc : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private int _submits;
    private int _connections;

    public HalfWritingSmsc()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public int Submits => Volatile.Read(ref _submits);

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = ServeAsync(socket, first: Interlocked.Increment(ref _connections) == 1);
        }
    }

    private async Task ServeAsync(Socket socket, bool first)
    {
        using var _ = socket;
        await using var stream = new NetworkStream(socket);
        var header = new byte[16];
        try
        {
            while (true)
            {
                await stream.ReadExactlyAsync(header, _stopping.Token);
                var length = (int)BinaryPrimitives.ReadUInt32BigEndian(header);
                var pdu = new byte[length];
                header.CopyTo(pdu, 0);
                await stream.ReadExactlyAsync(pdu.AsMemory(16), _stopping.Token);
                Pdu? answer = PduDecoder.Decode(pdu) switch
                {
                    Bind bind => new BindResp { Mode = bind.Mode, SystemId = "half", SequenceNumber = bind.SequenceNumber },
                    EnquireLink ping => new EnquireLinkResp { SequenceNumber = ping.SequenceNumber },
                    Unbind unbind => new UnbindResp { SequenceNumber = unbind.SequenceNumber },
                    SubmitSm submit => new SubmitSmResp { MessageId = $"id-{Interlocked.Increment(ref _submits)}", SequenceNumber = submit.SequenceNumber },
                    _ => null,
                };
                if (answer is null)
                {
                    continue;
                }
                var bytes = answer.ToArray();
                if (first && answer is SubmitSmResp)
                {
                    // Half the answer, then the link dies: the client cannot know whether the SMSC took the message.
                    await stream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), _stopping.Token);
                    await stream.FlushAsync(_stopping.Token);
                    return;
                }
                await stream.WriteAsync(bytes, _stopping.Token);
            }
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or OperationCanceledException or SocketException)
        {
            // The client closed the link, or the test is over.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stopping.Dispose();
    }
}
