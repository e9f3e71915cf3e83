using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Telemetry;

/// <summary>
/// With no tracing configured a message stores no trace. Alone, because another test server's tracer listens to
/// ASP.NET Core's spans across the process and would record this one's requests too.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class UntracedMessageTests : IAsyncLifetime
{
    private readonly SmsVerifyApp _app = new() { Settings = { ["Delivery:RunWorker"] = "false" } };

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task NoTracing_AMessageStoresNoTraceParent()
    {
        var id = await _app.SendNotificationAsync("+8613912345678");

        Assert.Null(await _app.WithDbAsync(db => db.Messages.Where(m => m.Id == id).Select(m => m.TraceParent).SingleAsync()));
    }
}
