using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Serving;

/// <summary>
/// The server on a main loopback port set by <c>urls</c>, as an operator sets it, with Alibaba on a port of its own
/// (and still on the main one), Tencent on a port of its own only, and Twilio also under <c>/twilio</c>.
/// </summary>
public sealed class VendorPortsServer : IAsyncLifetime
{
    public SmsVerifyApp App { get; } = new();

    // Picked together, with one for the SMPP listener: a listener on port 0 binds before Kestrel and could take one of them.
    private readonly int[] _ports = FreePorts.Take(4);

    public int MainPort => _ports[0];
    public int AlibabaPort => _ports[1];
    public int TencentPort => _ports[2];

    public async Task InitializeAsync()
    {
        App.Settings["urls"] = $"http://127.0.0.1:{MainPort}";
        App.Settings["Compat:Alibaba:Port"] = AlibabaPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        App.Settings["Compat:Tencent:Port"] = TencentPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        App.Settings["Compat:Tencent:OnMainPort"] = "false";
        App.Settings["Compat:Twilio:PathPrefix"] = "/twilio";
        App.Settings["SmppListener:Port"] = _ports[3].ToString(System.Globalization.CultureInfo.InvariantCulture);
        App.UseKestrel();
        await ((IAsyncLifetime)App).InitializeAsync();
        App.StartServer();
        // The factory's clients go to one of the server's addresses, not necessarily the main one.
        App.ClientOptions.BaseAddress = new Uri($"http://127.0.0.1:{MainPort}");
    }

    public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();

    /// <summary>A plain client for one port, to see exactly what that port answers.</summary>
    public static HttpClient At(int port, string? key = null)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        }
        return client;
    }
}
