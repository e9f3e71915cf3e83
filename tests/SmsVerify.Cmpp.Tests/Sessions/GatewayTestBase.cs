using SmsVerify.Cmpp.Client;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Gateway;
using SmsVerify.Cmpp.Packets;
using SmsVerify.Cmpp.Text;
using SmsVerify.Smpp.Tests.Support;
using Xunit.Abstractions;

namespace SmsVerify.Cmpp.Tests.Sessions;

/// <summary>Runs the library's client against its own in-process gateway on 127.0.0.1 with an ephemeral port.</summary>
public abstract class GatewayTestBase(ITestOutputHelper output) : IAsyncLifetime
{
    internal const string SpId = "901234";
    internal const string Secret = "secret";

    private readonly List<IAsyncDisposable> _owned = [];
    private readonly TestLogger<CmppClient> _log = new(output);
    private readonly TestLogger<CmppGateway> _gatewayLog = new(output);

    internal async Task<(CmppGateway Gateway, CmppClient Client)> StartAsync(TestGateway handler,
        Action<CmppClientOptions>? configure = null, CmppGatewayOptions? gatewayOptions = null, bool connect = true)
    {
        var gateway = new CmppGateway(gatewayOptions ?? new CmppGatewayOptions { Accounts = new() { [SpId] = Secret } }, handler, _gatewayLog).Start();
        _owned.Add(gateway);
        var client = AddClient(gateway.EndPoint.Port, configure);
        if (connect)
        {
            await client.ConnectAsync().WaitAsync(Wait.Guard);
        }
        return (gateway, client);
    }

    /// <summary>A client of the gateway on <paramref name="port"/>, not connected yet, disposed with the test.</summary>
    internal CmppClient AddClient(int port, Action<CmppClientOptions>? configure = null)
    {
        var options = new CmppClientOptions
        {
            Port = port,
            SourceAddr = SpId,
            SharedSecret = Secret,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
            FlowControlPause = TimeSpan.FromMilliseconds(20),
            // A failure guard, not an expectation: generous so that a loaded machine does not trip it.
            ResponseTimeout = TimeSpan.FromSeconds(20),
        };
        configure?.Invoke(options);
        var client = new CmppClient(options, _log);
        _owned.Insert(0, client);
        return client;
    }

    internal static Submit Message(string text, string phone = "13800138000", byte registeredDelivery = 0)
    {
        var submit = new Submit { ServiceId = "SMSV", SrcId = "10690001", DestTerminalIds = [phone], RegisteredDelivery = registeredDelivery };
        CmppSplitter.Split(text)[0].ApplyTo(submit);
        return submit;
    }

    internal static string TextOf(Submit submit) => CmppText.Decode(submit.MsgContent.Span, submit.MsgFmt, submit.TpUdhi == 1);

    internal static bool Accepted(SubmitResp response) => response.Result == SubmitResult.Ok && response.MsgId != 0;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync().AsTask().WaitAsync(Wait.Guard);
        }
        _log.Dispose();
        _gatewayLog.Dispose();
    }
}
