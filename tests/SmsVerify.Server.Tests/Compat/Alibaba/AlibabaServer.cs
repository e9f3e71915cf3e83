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

    public async Task InitializeAsync() => Endpoint = await App.StartOnLoopbackAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
}
