using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Console;

/// <summary>The whole server on a real loopback port, for a browser: a class fixture of the browser tests.</summary>
public sealed class ConsoleServer : IAsyncLifetime
{
    public SmsVerifyApp App { get; } = new();

    /// <summary><c>http://127.0.0.1:port</c>, the base the browser's pages are opened on.</summary>
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // Webhooks may go to a receiver on loopback over plain HTTP, as the tests' receiver is; a production server refuses both.
        App.Settings["Webhooks:AllowHttp"] = "true";
        App.Settings["Webhooks:AllowPrivateNetworks"] = "true";
        BaseUrl = $"http://{await App.StartOnLoopbackAsync()}";
    }

    public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
}
