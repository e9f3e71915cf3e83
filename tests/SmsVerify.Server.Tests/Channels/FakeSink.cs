using System.Threading.Channels;
using SmsVerify.Server.Channels;

namespace SmsVerify.Server.Tests.Channels;

/// <summary>
/// Stands in for the delivery pipeline: records what channels hand it. A test can hold each call at a gate (to
/// see what the SMSC gets meanwhile) or make calls fail.
/// </summary>
internal sealed class FakeSink : IChannelEventSink
{
    private readonly Channel<ChannelEvent> _calls = Channel.CreateUnbounded<ChannelEvent>();

    private readonly List<ChannelEvent> _taken = [];

    /// <summary>The events whose calls returned, copied under the lock the channel's threads add them under.</summary>
    public List<ChannelEvent> Taken
    {
        get
        {
            lock (_taken)
            {
                return [.. _taken];
            }
        }
    }

    /// <summary>When set, each call waits for it before returning.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public bool Fail { get; set; }

    public async ValueTask HandleAsync(ChannelEvent channelEvent, CancellationToken cancellationToken)
    {
        _calls.Writer.TryWrite(channelEvent);
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }
        if (Fail)
        {
            throw new InvalidOperationException("the store is away");
        }
        lock (_taken)
        {
            _taken.Add(channelEvent);
        }
    }

    /// <summary>The next event the sink was called with (whether or not it has returned yet).</summary>
    public async Task<T> NextAsync<T>() where T : ChannelEvent =>
        Assert.IsType<T>(await _calls.Reader.ReadAsync().AsTask().WaitAsync(Wait.Guard));
}
