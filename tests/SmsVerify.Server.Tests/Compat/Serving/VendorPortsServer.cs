using System.Net;
using System.Net.Sockets;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Serving;

/// <summary>
/// The server on a main loopback port set by <c>urls</c>, as an operator sets it, with Alibaba on a port of its own
/// (and still on the main one), Tencent on a port of its own only, and Twilio also under <c>/twilio</c>.
/// </summary>
public sealed class VendorPortsServer : IAsyncLifetime
{
    public SmsVerifyApp App { get; } = new();

    public int MainPort { get; } = FreePort();
    public int AlibabaPort { get; } = FreePort();
    public int TencentPort { get; } = FreePort();

    public async Task InitializeAsync()
    {
        App.Settings["urls"] = $"http://127.0.0.1:{MainPort}";
        App.Settings["Compat:Alibaba:Port"] = AlibabaPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        App.Settings["Compat:Tencent:Port"] = TencentPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        App.Settings["Compat:Tencent:OnMainPort"] = "false";
        App.Settings["Compat:Twilio:PathPrefix"] = "/twilio";
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

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
