using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Packets;

namespace SmsVerify.Cmpp.Connection;

/// <summary>
/// One TCP connection carrying CMPP packets, shared by the client and the gateway. A read loop frames and decodes,
/// a write loop drains a queue into a pipe and flushes once per batch. A packet that does not decode goes to the
/// session's error callback and the loop reads on; only a Total_Length out of bounds (after which the stream
/// cannot be resynchronised) or the socket going away ends the connection.
/// </summary>
internal sealed partial class CmppConnection
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Channel<(Packet Packet, PendingRequest? Pending)> _outbound =
        Channel.CreateUnbounded<(Packet, PendingRequest?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closed = new();
    private readonly int _maxPacketLength;
    private readonly ILogger _logger;
    private Task _completion = Task.CompletedTask;
    private string? _closeReason;

    public CmppConnection(Socket socket, int maxPacketLength, ILogger logger)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _input = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
        _output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024));
        _maxPacketLength = maxPacketLength;
        _logger = logger;
        Remote = socket.RemoteEndPoint?.ToString() ?? "?";
    }

    public string Remote { get; }

    /// <summary>The widths the read loop decodes with; the gateway sets it from the CONNECT it accepted.</summary>
    public CmppVersion Version { get; set; } = CmppVersion.V30;

    public CancellationToken Closed => _closed.Token;

    public string CloseReason => _closeReason ?? "closed";

    /// <summary>Completes when both loops have ended and the socket is closed; never faults.</summary>
    public Task Completion => _completion;

    public void Start(Func<Packet, ValueTask> onPacket, Action<CmppDecodeException> onDecodeError)
    {
        var read = Task.Run(() => ReadLoopAsync(onPacket, onDecodeError));
        var write = Task.Run(WriteLoopAsync);
        _completion = FinishAsync(read, write);
    }

    /// <summary>Queues a packet; false once the connection is closing.</summary>
    public bool TrySend(Packet packet, PendingRequest? pending = null) => _outbound.Writer.TryWrite((packet, pending));

    /// <summary>Closes at once; queued packets are dropped.</summary>
    public void Abort(string reason)
    {
        _closeReason ??= reason;
        _outbound.Writer.TryComplete();
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
        _socket.Close();
    }

    /// <summary>Writes what is queued (a last TERMINATE_RESP, say), then closes.</summary>
    public async Task CloseAfterFlushAsync(string reason, TimeSpan timeout)
    {
        _closeReason ??= reason;
        _outbound.Writer.TryComplete();
        await Task.WhenAny(_completion, Task.Delay(timeout)).ConfigureAwait(false);
        Abort(reason);
        await _completion.ConfigureAwait(false);
    }

    private async Task FinishAsync(Task read, Task write)
    {
        if (await Task.WhenAny(read, write).ConfigureAwait(false) == read)
        {
            // The peer closed or the stream broke: give a last queued answer a moment to leave.
            await Task.WhenAny(write, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
        }
        Abort(CloseReason);
        await Task.WhenAll(read, write).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _input.CompleteAsync().AsTask().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _output.CompleteAsync().AsTask().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "CMPP {Remote}: undecodable packet: {Reason}")]
        public static partial void DecodeFailed(ILogger logger, string remote, string reason);

        [LoggerMessage(2, LogLevel.Error, "CMPP {Remote}: handling {Packet} failed; closing the connection")]
        public static partial void HandlerFailed(ILogger logger, string remote, string packet, Exception exception);

        [LoggerMessage(3, LogLevel.Error, "CMPP {Remote}: writing a packet failed")]
        public static partial void WriteFailed(ILogger logger, string remote, Exception exception);
    }
}
