using Microsoft.Extensions.Configuration;
using SmsVerify.Server.Compat.Serving;

namespace SmsVerify.Server.Tests.Compat.Serving;

/// <summary>A vendor port is added to the server's addresses wherever the operator configured them, and the main ones stay.</summary>
public sealed class VendorListenersTests
{
    private static readonly CompatOptions AlibabaOn8101 = new() { Alibaba = { Port = 8101 } };

    [Fact]
    public void Urls_KeepTheMainAddress_AndAddTheVendorPortOnTheSameHost()
    {
        var configuration = Configuration(("urls", "http://0.0.0.0:8080"));

        VendorListeners.AddTo(configuration, AlibabaOn8101);

        Assert.Equal("http://0.0.0.0:8080;http://0.0.0.0:8101", configuration["urls"]);
    }

    [Fact]
    public void HttpPorts_BecomeUrls_SoTheyStillListen()
    {
        var configuration = Configuration(("http_ports", "8080"));

        VendorListeners.AddTo(configuration, AlibabaOn8101);

        Assert.Equal("http://*:8080;http://*:8101", configuration["urls"]);
    }

    [Fact]
    public void NothingConfigured_KeepsAspNetCoresDefault()
    {
        var configuration = Configuration();

        VendorListeners.AddTo(configuration, AlibabaOn8101);

        Assert.Equal("http://localhost:5000;http://localhost:8101", configuration["urls"]);
    }

    [Fact]
    public void KestrelEndpoints_GetTheVendorPortAsAnotherEndpoint_AndUrlsStayUnset()
    {
        var configuration = Configuration(("Kestrel:Endpoints:Main:Url", "http://127.0.0.1:8080"));

        VendorListeners.AddTo(configuration, AlibabaOn8101);

        Assert.Equal("http://127.0.0.1:8101", configuration["Kestrel:Endpoints:SmsVerifyVendor0:Url"]);
        Assert.Null(configuration["urls"]);
    }

    [Fact]
    public void NoVendorPort_ChangesNothing()
    {
        var configuration = Configuration(("urls", "http://127.0.0.1:8080"));

        VendorListeners.AddTo(configuration, new CompatOptions { Twilio = { PathPrefix = "/twilio" } });

        Assert.Equal("http://127.0.0.1:8080", configuration["urls"]);
    }

    private static ConfigurationManager Configuration(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        return configuration;
    }
}
