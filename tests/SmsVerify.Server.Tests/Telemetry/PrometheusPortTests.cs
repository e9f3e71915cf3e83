using System.Net;
using SmsVerify.Server.Tests.Compat.Serving;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Telemetry;

/// <summary>The scrape on a port of its own: no key there, nothing else there, and no scrape on the main port.</summary>
public sealed class PrometheusPortTests : IAsyncLifetime
{
    private readonly SmsVerifyApp _app = new();
    // Picked together, with one for the SMPP listener: a listener on port 0 binds before Kestrel and could take one of them.
    private readonly int[] _ports = FreePorts.Take(3);

    private int MainPort => _ports[0];
    private int MetricsPort => _ports[1];

    public async Task InitializeAsync()
    {
        _app.Settings["urls"] = $"http://127.0.0.1:{MainPort}";
        _app.Settings["Telemetry:Prometheus:Enabled"] = "true";
        _app.Settings["Telemetry:Prometheus:Port"] = MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _app.Settings["SmppListener:Port"] = _ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture);
        _app.UseKestrel();
        await _app.InitializeAsync();
        _app.StartServer();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ItsOwnPort_ServesTheScrapeWithoutAKey_AndNothingElse()
    {
        using var metrics = VendorPortsServer.At(MetricsPort);
        using var main = VendorPortsServer.At(MainPort, SmsVerifyApp.OperatorKey);

        var scrape = await metrics.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("# TYPE", await scrape.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await metrics.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await main.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await main.GetAsync("/healthz")).StatusCode);
    }
}
