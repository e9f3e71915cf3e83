using System.Buffers;
using System.Net.Sockets;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Packets;

namespace SmsVerify.Cmpp.Connection;

internal sealed partial class CmppConnection
{
    private async Task ReadLoopAsync(Func<Packet, ValueTask> onPacket, Action<CmppDecodeException> onDecodeError)
    {
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync(_closed.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                var outcome = ReadOutcome.End;
                try
                {
                    outcome = await DispatchAsync(ref buffer, onPacket, onDecodeError).ConfigureAwait(false);
                    if (outcome == ReadOutcome.End)
                    {
                        return;
                    }
                }
                finally
                {
                    // After a pause whole packets may still wait in the buffer: mark nothing examined so the next
                    // read returns them at once instead of waiting for more bytes.
                    _input.AdvanceTo(buffer.Start, outcome == ReadOutcome.Paused ? buffer.Start : buffer.End);
                }
                // After a pause, packets may still wait in the buffer even though the peer has closed: read them first.
                if (result.IsCompleted && outcome != ReadOutcome.Paused)
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
            _outbound.Writer.TryComplete();
        }
    }

    private enum ReadOutcome
    {
        More,
        Paused,
        End,
    }

    /// <summary>
    /// Hands the whole packets in <paramref name="buffer"/> to the session, stopping after one whose handler has to
    /// wait. Not async itself (a ref parameter): that wait is awaited through the returned task.
    /// </summary>
    private ValueTask<ReadOutcome> DispatchAsync(ref ReadOnlySequence<byte> buffer, Func<Packet, ValueTask> onPacket,
        Action<CmppDecodeException> onDecodeError)
    {
        try
        {
            while (PacketFramer.TryReadPacket(ref buffer, out var frame, _maxPacketLength))
            {
                Packet packet;
                try
                {
                    packet = PacketDecoder.Decode(frame, Version);
                }
                catch (CmppDecodeException e)
                {
                    Log.DecodeFailed(_logger, Remote, e.Message);
                    onDecodeError(e);
                    continue;
                }
                if (!Handle(onPacket, packet, out var pending))
                {
                    return new ValueTask<ReadOutcome>(ReadOutcome.End);
                }
                if (pending is { } wait)
                {
                    // The application pushes back (a full deliveries queue): stop reading until it has room.
                    return AwaitHandlerAsync(wait, packet);
                }
            }
            return new ValueTask<ReadOutcome>(ReadOutcome.More);
        }
        catch (CmppDecodeException e)
        {
            Log.DecodeFailed(_logger, Remote, e.Message);
            _closeReason ??= "bad Total_Length: " + e.Message;
            return new ValueTask<ReadOutcome>(ReadOutcome.End);
        }
    }

    private bool Handle(Func<Packet, ValueTask> onPacket, Packet packet, out ValueTask? pending)
    {
        pending = null;
        try
        {
            var handled = onPacket(packet);
            if (!handled.IsCompletedSuccessfully)
            {
                pending = handled;
            }
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A handler bug must not take the loop down silently.
            Log.HandlerFailed(_logger, Remote, packet.ToString(), e);
            _closeReason ??= "handler failed: " + e.Message;
            return false;
        }
    }

    private async ValueTask<ReadOutcome> AwaitHandlerAsync(ValueTask pending, Packet packet)
    {
        try
        {
            await pending.ConfigureAwait(false);
            return ReadOutcome.Paused;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.HandlerFailed(_logger, Remote, packet.ToString(), e);
            _closeReason ??= "handler failed: " + e.Message;
            return ReadOutcome.End;
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
                    var length = item.Packet.Length;
                    item.Pending?.MarkWritten();
                    item.Packet.WriteTo(_output.GetSpan(length), length);
                    _output.Advance(length);
                }
                if ((await _output.FlushAsync(_closed.Token).ConfigureAwait(false)).IsCompleted)
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
            // A packet that fails to serialise is a bug in the caller's validation; it must not leave the link half dead.
            Log.WriteFailed(_logger, Remote, e);
            _closeReason ??= "write failed: " + e.Message;
        }
    }
}
