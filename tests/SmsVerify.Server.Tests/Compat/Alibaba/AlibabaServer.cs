using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Alibaba;

/// <summary>
/// The app on a real loopback port: the official SDKs run in Node and need a socket, and the Alibaba SDK signs the
/// Host header with its port, so the endpoint they are given is exactly what they reach.
/// </summary>
public sealed class AlibabaServer : IAsyncLifetime
{
    public SmsVerifyApp App { get; } = new();

    /// <summary>host:port, as the SDK's <c>endpoint</c> takes it.</summary>
    public string Endpoint { get; private set; } = "";

    public async Task InitializeAsync()
    {
        App.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        await ((IAsyncLifetime)App).InitializeAsync();
        App.StartServer();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = new Uri(address).Authority;
    }

    public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
}
