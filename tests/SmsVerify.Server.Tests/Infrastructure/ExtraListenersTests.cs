using Microsoft.Extensions.Configuration;
using SmsVerify.Server.Infrastructure;

namespace SmsVerify.Server.Tests.Infrastructure;

/// <summary>
/// An extra port (a vendor API's, the metrics scrape's) is added to the server's addresses wherever the operator
/// configured them, and the main ones stay.
/// </summary>
public sealed class ExtraListenersTests
{
    private static readonly int[] AlibabaOn8101 = [8101];

    [Fact]
    public void Urls_KeepTheMainAddress_AndAddTheVendorPortOnTheSameHost()
    {
        var configuration = Configuration(("urls", "http://0.0.0.0:8080"));

        ExtraListeners.AddTo(configuration, "SmsVerifyVendor", AlibabaOn8101);

        Assert.Equal("http://0.0.0.0:8080;http://0.0.0.0:8101", configuration["urls"]);
    }

    [Fact]
    public void HttpPorts_BecomeUrls_SoTheyStillListen()
    {
        var configuration = Configuration(("http_ports", "8080"));

        ExtraListeners.AddTo(configuration, "SmsVerifyVendor", AlibabaOn8101);

        Assert.Equal("http://*:8080;http://*:8101", configuration["urls"]);
    }

    [Fact]
    public void NothingConfigured_KeepsAspNetCoresDefault()
    {
        var configuration = Configuration();

        ExtraListeners.AddTo(configuration, "SmsVerifyVendor", AlibabaOn8101);

        Assert.Equal("http://localhost:5000;http://localhost:8101", configuration["urls"]);
    }

    [Fact]
    public void KestrelEndpoints_GetTheVendorPortAsAnotherEndpoint_AndUrlsStayUnset()
    {
        var configuration = Configuration(("Kestrel:Endpoints:Main:Url", "http://127.0.0.1:8080"));

        ExtraListeners.AddTo(configuration, "SmsVerifyVendor", AlibabaOn8101);

        Assert.Equal("http://127.0.0.1:8101", configuration["Kestrel:Endpoints:SmsVerifyVendor0:Url"]);
        Assert.Null(configuration["urls"]);
    }

    [Fact]
    public void NoExtraPort_ChangesNothing()
    {
        var configuration = Configuration(("urls", "http://127.0.0.1:8080"));

        ExtraListeners.AddTo(configuration, "SmsVerifyVendor", []);

        Assert.Equal("http://127.0.0.1:8080", configuration["urls"]);
    }

    [Fact]
    public void TwoCallers_BothPortsListen_OnTheMainHostOnly()
    {
        var urls = Configuration(("urls", "http://127.0.0.1:8080"));
        var endpoints = Configuration(("Kestrel:Endpoints:Main:Url", "http://127.0.0.1:8080"));

        foreach (var configuration in new[] { urls, endpoints })
        {
            ExtraListeners.AddTo(configuration, "SmsVerifyVendor", AlibabaOn8101);
            ExtraListeners.AddTo(configuration, "SmsVerifyMetrics", [9464]);
        }

        Assert.Equal("http://127.0.0.1:8080;http://127.0.0.1:8101;http://127.0.0.1:9464", urls["urls"]);
        Assert.Equal("http://127.0.0.1:8101", endpoints["Kestrel:Endpoints:SmsVerifyVendor0:Url"]);
        Assert.Equal("http://127.0.0.1:9464", endpoints["Kestrel:Endpoints:SmsVerifyMetrics0:Url"]);
    }

    private static ConfigurationManager Configuration(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        return configuration;
    }
}
