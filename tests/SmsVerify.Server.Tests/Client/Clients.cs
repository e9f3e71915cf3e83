using SmsVerify.Client;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Client;

public static class Clients
{
    /// <summary>The client as a tenant's app holds it: over an HttpClient to the in-process server, through <paramref name="network"/> if given.</summary>
    public static SmsVerifyClient ClientFor(this SmsVerifyApp app, string apiKey, FlakyNetwork? network = null) =>
        new(network is null ? app.CreateClient() : app.CreateDefaultClient(network), new SmsVerifyClientOptions { ApiKey = apiKey });
}
