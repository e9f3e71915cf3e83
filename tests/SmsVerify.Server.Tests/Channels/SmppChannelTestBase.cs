using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmsVerify.Server.Channels;
using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Server;

namespace SmsVerify.Server.Tests.Channels;

/// <summary>Runs SMPP channels against the library's SMSC on 127.0.0.1, with a fake sink and a fake clock.</summary>
public abstract class SmppChannelTestBase : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    internal CarrierSmsc Smsc { get; } = new();
    internal FakeSink Sink { get; } = new();
    internal FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    internal ChannelComeback Comeback { get; } = new();

    internal SmppServer StartSmsc(CarrierSmsc? smsc = null)
    {
        var server = new SmppServer(handler: smsc ?? Smsc).Start();
        _owned.Add(server);
        return server;
    }

    /// <summary>A channel bound to <paramref name="port"/> (a fresh SMSC by default), started and, unless told otherwise, up.</summary>
    internal async Task<SmppMessageChannel> StartChannelAsync(Action<ChannelOptions>? configure = null, int? port = null, bool waitUntilUp = true)
    {
        var options = Options("cmcc", port ?? StartSmsc().EndPoint.Port);
        configure?.Invoke(options);
        var channel = new SmppMessageChannel(options, Clock, NullLoggerFactory.Instance, Sink, Tune, Comeback);
        _owned.Insert(0, channel);
        channel.Start();
        if (waitUntilUp)
        {
            await Wait.Until(() => channel.State == ChannelState.Up, $"channel {options.Name} to bind");
        }
        return channel;
    }

    internal static ChannelOptions Options(string name, int port) => new()
    {
        Name = name,
        Host = "127.0.0.1",
        Port = port,
        SystemId = CarrierSmsc.SystemId,
        Password = CarrierSmsc.Password,
        SourceAddress = "106900",
    };

    /// <summary>A port nothing listens on, a carrier that is down, held until the test ends (<see cref="RefusingPort"/>).</summary>
    internal int ClosedPort()
    {
        var port = new RefusingPort();
        _owned.Add(port);
        return port.Port;
    }

    internal static OutboundSms Sms(string text, string to = "+8613812345678", string? extension = null) =>
        new(Guid.NewGuid(), to, text, extension);

    // Short pauses so retries and reconnects happen within a test; the response timeout is a hang guard only.
    private static void Tune(SmppClientOptions options)
    {
        options.ReconnectMinDelay = TimeSpan.FromMilliseconds(20);
        options.ReconnectMaxDelay = TimeSpan.FromMilliseconds(200);
        options.ThrottlePause = TimeSpan.FromMilliseconds(10);
        options.MaxTransientRetries = 1;
        options.EnquireLinkInterval = TimeSpan.FromMilliseconds(50);
        options.ResponseTimeout = TimeSpan.FromSeconds(20);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync().AsTask().WaitAsync(Wait.Guard);
        }
    }
}
