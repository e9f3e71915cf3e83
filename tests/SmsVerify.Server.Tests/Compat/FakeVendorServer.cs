using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmsVerify.Server.Tests.Compat;

/// <summary>
/// A stand-in for a vendor's API on 127.0.0.1: records each request as it arrived and answers one canned response,
/// so the SDK harness can be checked without SmsVerify.
/// </summary>
internal sealed class FakeVendorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<RecordedRequest> _requests = [];

    private FakeVendorServer(WebApplication app) => _app = app;

    /// <summary>host:port, the form the Alibaba and Tencent SDKs take as their endpoint.</summary>
    public string Endpoint { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FakeVendorServer> StartAsync(int status, string body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = new FakeVendorServer(builder.Build());
        server._app.Run(async context =>
        {
            await server.RecordAsync(context);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body, context.RequestAborted);
        });
        await server._app.StartAsync();
        var addresses = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        server.Endpoint = new Uri(addresses.Addresses.Single()).Authority;
        return server;
    }

    private async Task RecordAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        // The raw target, as sent: the query exactly as the SDK escaped it, not as ASP.NET re-reads it.
        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        lock (_requests)
        {
            _requests.Add(new RecordedRequest(context.Request.Method, target, headers, body.ToArray()));
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

internal sealed record RecordedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string Path => Target.Split('?')[0];

    public string? Header(string name) => Headers.GetValueOrDefault(name);

    /// <summary>Method, target, headers (sorted) and body as one text: two requests are the same bytes when these are equal.</summary>
    public string Wire =>
        $"{Method} {Target}\n{string.Join("\n", Headers.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}: {h.Value}"))}\n\n{BodyText}";
}
