using System.Text;
using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Server;
using SmsVerify.Smpp.Tests.Support;
using Xunit.Abstractions;

namespace SmsVerify.Smpp.Tests.Sessions;

/// <summary>Runs the library's client against its own server on 127.0.0.1 with an ephemeral port.</summary>
public abstract class SessionTestBase(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly TestLogger<SmppClient> _log = new(output);
    private readonly TestLogger<SmppServer> _serverLog = new(output);

    internal Task<(SmppServer Server, SmppClient Client)> StartAsync(SmppServerHandler smsc, Action<SmppClientOptions>? configure = null,
        bool connect = true) => StartAsync(smsc, new SmppServerOptions(), configure, connect);

    internal async Task<(SmppServer Server, SmppClient Client)> StartAsync(SmppServerHandler smsc, SmppServerOptions serverOptions,
        Action<SmppClientOptions>? configure = null, bool connect = true)
    {
        var server = new SmppServer(serverOptions, smsc, _serverLog).Start();
        _owned.Add(server);
        var client = AddClient(server, configure);
        if (connect)
        {
            await client.ConnectAsync().WaitAsync(Support.Wait.Guard);
        }
        return (server, client);
    }

    /// <summary>Another client of the same server, not connected yet, disposed with the test.</summary>
    internal SmppClient AddClient(SmppServer server, Action<SmppClientOptions>? configure = null)
    {
        var options = new SmppClientOptions
        {
            Host = "127.0.0.1",
            Port = server.EndPoint.Port,
            SystemId = TestSmsc.SystemId,
            Password = TestSmsc.Password,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
            ThrottlePause = TimeSpan.FromMilliseconds(20),
            // Failure guards, not expectations: generous so a loaded CI machine does not trip them.
            ResponseTimeout = TimeSpan.FromSeconds(20),
        };
        configure?.Invoke(options);
        var client = new SmppClient(options, _log);
        _owned.Insert(0, client);
        return client;
    }

    internal static SubmitSm Message(string text) => new()
    {
        SourceAddr = "SmsVerify",
        DestinationAddr = "8613800000000",
        ShortMessage = Encoding.Latin1.GetBytes(text),
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync().AsTask().WaitAsync(Support.Wait.Guard);
        }
        _log.Dispose();
        _serverLog.Dispose();
    }
}
