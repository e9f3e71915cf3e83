using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SmsVerify.Server.Tests.SmppGateway.Interop;

/// <summary>Where Kannel's smsbox calls back: the dlr-url of each sendsms (<c>/dlr</c>) and the MO get-url (<c>/mo</c>).</summary>
internal sealed class KannelCallbacks : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KannelCallbacks(WebApplication app) => _app = app;

    public Channel<Dictionary<string, string>> Reports { get; } = Channel.CreateUnbounded<Dictionary<string, string>>();

    public Channel<Dictionary<string, string>> Replies { get; } = Channel.CreateUnbounded<Dictionary<string, string>>();

    public string BaseUrl { get; private set; } = "";

    public static async Task<KannelCallbacks> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var callbacks = new KannelCallbacks(builder.Build());
        callbacks._app.MapGet("/dlr", (HttpRequest request) => callbacks.Keep(callbacks.Reports, request));
        callbacks._app.MapGet("/mo", (HttpRequest request) => callbacks.Keep(callbacks.Replies, request));
        await callbacks._app.StartAsync();
        callbacks.BaseUrl = callbacks._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return callbacks;
    }

    private IResult Keep(Channel<Dictionary<string, string>> into, HttpRequest request)
    {
        into.Writer.TryWrite(request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal));
        return Results.StatusCode((int)HttpStatusCode.OK);
    }

    /// <summary>The next callback of <paramref name="from"/>; the timeout only keeps a broken test from hanging.</summary>
    public static async Task<Dictionary<string, string>> NextAsync(Channel<Dictionary<string, string>> from, TimeSpan? timeout = null) =>
        await from.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
