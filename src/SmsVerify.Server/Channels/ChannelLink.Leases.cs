namespace SmsVerify.Server.Channels;

internal abstract partial class ChannelLink
{
    /// <summary>Waits on standby until this node holds one of the channel's slots; false when stopping first.</summary>
    private async Task<bool> TakeSlotAsync(CancellationToken stopping)
    {
        if (_lease is not { } lease)
        {
            return !stopping.IsCancellationRequested;
        }
        while (true)
        {
            try
            {
                if (await lease.Leases.TakeAsync(lease.Channel, lease.First, lease.Count, stopping) is { } slot)
                {
                    _slot = slot;
                    Volatile.Write(ref _status, Connecting);
                    return true;
                }
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                Log.LeaseFailed(_logger, lease.Channel, e);
            }
            try
            {
                await Task.Delay(LeaseCheck, stopping);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// While connected, checks that the slot is still this node's: if another node took it, or this node should give
    /// it to a node that has none, closes the link (and the run loop waits on standby for a slot again).
    /// </summary>
    private async Task WatchSlotAsync(CancellationTokenSource connected)
    {
        if (_lease is not { } lease || _slot is not { } slot)
        {
            return;
        }
        try
        {
            while (true)
            {
                await Task.Delay(LeaseCheck, connected.Token);
                BindSlot check;
                try
                {
                    check = await lease.Leases.CheckAsync(lease.Channel, lease.First, lease.Count, slot, connected.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database may be briefly away: the link stays, as it would without leases.
                    Log.LeaseFailed(_logger, lease.Channel, e);
                    continue;
                }
                if (check == BindSlot.Held)
                {
                    continue;
                }
                if (check == BindSlot.Lost)
                {
                    Log.SlotLost(_logger, lease.Channel, slot);
                }
                _slot = null;
                // Outstanding responses come in first; then the slot is free for the waiting node.
                await CloseClientAsync(CancellationToken.None);
                if (check == BindSlot.Yield)
                {
                    Log.SlotGivenUp(_logger, lease.Channel, slot);
                    await lease.Leases.ReleaseAsync(lease.Channel, slot, CancellationToken.None);
                }
                return;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "{Mode} link to {Host}:{Port} failed (attempt {Attempt}): {Reason}; trying again")]
        public static partial void ConnectFailed(ILogger logger, string mode, string host, int port, int attempt, string reason);

        [LoggerMessage(LogLevel.Warning, "Leasing a bind slot of channel {Channel} failed; trying again")]
        public static partial void LeaseFailed(ILogger logger, string channel, Exception exception);

        [LoggerMessage(LogLevel.Warning, "Another node took bind slot {Slot} of channel {Channel} (this node was taken for dead); closing its link")]
        public static partial void SlotLost(ILogger logger, string channel, int slot);

        [LoggerMessage(LogLevel.Information, "Gave bind slot {Slot} of channel {Channel} to a node that had none")]
        public static partial void SlotGivenUp(ILogger logger, string channel, int slot);

        [LoggerMessage(LogLevel.Warning, "Giving back a bind slot of channel {Channel} failed; it frees itself when this node stops beating")]
        public static partial void ReleaseFailed(ILogger logger, string channel, Exception exception);
    }
}
