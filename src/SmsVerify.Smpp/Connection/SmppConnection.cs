using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Connection;

/// <summary>A PDU on its way out; <see cref="Pending"/> is marked written the moment its octets enter the pipe.</summary>
internal readonly record struct Outbound(Pdu Pdu, PendingRequest? Pending);

/// <summary>
/// One TCP connection (plain, or a TLS stream over it) carrying PDUs, shared by the client and the server sessions. A read loop frames and decodes
/// (handing each PDU to a callback that completes synchronously except when the application pushes back) and a write loop drains a queue into a pipe, flushing once per
/// batch, so many PDUs written together cost one system call. Neither loop lets a bad PDU escape: decode errors
/// go to the session, which answers them; only the socket going away ends the connection.
/// </summary>
internal sealed partial class SmppConnection
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Channel<Outbound> _outbound =
        Channel.CreateUnbounded<Outbound>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closed = new();
    private readonly int _maxPduLength;
    private readonly ILogger _logger;
    private Task _completion = Task.CompletedTask;
    private string? _closeReason;

    public SmppConnection(Socket socket, int maxPduLength, ILogger logger)
        : this(socket, new NetworkStream(socket, ownsSocket: false), maxPduLength, logger)
    {
    }

    /// <summary>
    /// PDUs over <paramref name="stream"/> (an authenticated SslStream, say) that runs on <paramref name="socket"/>:
    /// the socket is kept because closing it is what reliably ends a read or write in progress.
    /// </summary>
    public SmppConnection(Socket socket, Stream stream, int maxPduLength, ILogger logger)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _stream = stream;
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
        _output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024));
        _maxPduLength = maxPduLength;
        _logger = logger;
        RemoteEndPoint = socket.RemoteEndPoint as IPEndPoint;
        Remote = RemoteEndPoint?.ToString() ?? "?";
    }

    public string Remote { get; }

    public IPEndPoint? RemoteEndPoint { get; }

    /// <summary>Cancelled when the connection closes for any reason.</summary>
    public CancellationToken Closed => _closed.Token;

    public string CloseReason => _closeReason ?? "closed";

    /// <summary>Completes when both loops have ended and the socket is closed.</summary>
    public Task Completion => _completion;

    public void Start(Func<Pdu, ValueTask> onPdu, Action<SmppDecodeException> onDecodeError)
    {
        var read = Task.Run(() => ReadLoopAsync(onPdu, onDecodeError));
        var write = Task.Run(WriteLoopAsync);
        _completion = FinishAsync(read, write);
    }

    /// <summary>Queues a PDU; false once the connection is closing.</summary>
    public bool TrySend(Pdu pdu, PendingRequest? pending = null) => _outbound.Writer.TryWrite(new Outbound(pdu, pending));

    /// <summary>Closes at once: queued PDUs are dropped.</summary>
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

    /// <summary>Writes what is queued, then closes (after an unbind_resp, say).</summary>
    public async Task CloseAfterFlushAsync(string reason, TimeSpan timeout)
    {
        _closeReason ??= reason;
        _outbound.Writer.TryComplete();
        await Task.WhenAny(_completion, Task.Delay(timeout)).ConfigureAwait(false);
        Abort(reason);
        await _completion.ConfigureAwait(false);
    }

    private async Task ReadLoopAsync(Func<Pdu, ValueTask> onPdu, Action<SmppDecodeException> onDecodeError)
    {
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync(_closed.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (PduFramer.TryReadPdu(ref buffer, out var frame, _maxPduLength))
                    {
                        Pdu pdu;
                        try
                        {
                            pdu = PduDecoder.Decode(frame);
                        }
                        catch (SmppDecodeException e)
                        {
                            Log.DecodeFailed(_logger, Remote, e.Message);
                            onDecodeError(e);
                            continue;
                        }
                        try
                        {
                            // Pending only when the application is behind (a full deliveries queue): not reading
                            // further is what pushes back on the peer, through TCP and its own window.
                            var handled = onPdu(pdu);
                            if (!handled.IsCompletedSuccessfully)
                            {
                                await handled.ConfigureAwait(false);
                            }
                        }
                        catch (Exception e) when (e is not OutOfMemoryException)
                        {
                            // A handler bug (ours or a server handler's) must not take the loop down silently.
                            Log.HandlerFailed(_logger, Remote, pdu.ToString(), e);
                            _closeReason ??= "handler failed: " + e.Message;
                            return;
                        }
                    }
                }
                catch (SmppDecodeException e)
                {
                    // A bad command_length: the stream cannot be resynchronised (SMPP v3.4 §3.3), so answer and close.
                    Log.DecodeFailed(_logger, Remote, e.Message);
                    onDecodeError(e);
                    _closeReason ??= "invalid command_length";
                    return;
                }
                finally
                {
                    _input.AdvanceTo(buffer.Start, buffer.End);
                }
                if (result.IsCompleted)
                {
                    _closeReason ??= "closed by peer";
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            _closeReason ??= e.Message;
        }
        finally
        {
            // Give a final generic_nack a chance to leave before the write loop is told to stop.
            _outbound.Writer.TryComplete();
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    var length = item.Pdu.Length;
                    if (item.Pending is { } pending)
                    {
                        pending.Written = true;
                    }
                    item.Pdu.WriteTo(_output.GetSpan(length), length);
                    _output.Advance(length);
                    if (_output.UnflushedBytes >= 64 * 1024)
                    {
                        await _output.FlushAsync(_closed.Token).ConfigureAwait(false);
                    }
                }
                var flush = await _output.FlushAsync(_closed.Token).ConfigureAwait(false);
                if (flush.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            _closeReason ??= e.Message;
        }
        catch (Exception e)
        {
            // A PDU that fails to serialise is a bug in the caller's validation; it must not leave the link half dead.
            Log.WriteFailed(_logger, Remote, e);
            _closeReason ??= "write failed: " + e.Message;
        }
    }

    private async Task FinishAsync(Task read, Task write)
    {
        // Either loop ending ends the connection: a dead writer means nothing we queue would ever be sent.
        // Both loops catch their own errors, so Completion never faults.
        if (await Task.WhenAny(read, write).ConfigureAwait(false) == read)
        {
            // The read side ended (peer closed, or a bad command_length): let a last generic_nack leave first.
            await Task.WhenAny(write, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
        }
        Abort(CloseReason);
        await Task.WhenAll(read, write).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        // Completing the writer flushes what is left into a socket that is already closed: ignore that.
        await _input.CompleteAsync().AsTask().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _output.CompleteAsync().AsTask().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            // An SslStream would send close_notify into the closed socket: nothing to gain from that error.
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
        }
        _socket.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "SMPP {Remote}: undecodable PDU: {Reason}")]
        public static partial void DecodeFailed(ILogger logger, string remote, string reason);

        [LoggerMessage(3, LogLevel.Error, "SMPP {Remote}: handling {Pdu} failed; closing the connection")]
        public static partial void HandlerFailed(ILogger logger, string remote, string pdu, Exception exception);

        [LoggerMessage(2, LogLevel.Error, "SMPP {Remote}: writing a PDU failed")]
        public static partial void WriteFailed(ILogger logger, string remote, Exception exception);
    }
}
