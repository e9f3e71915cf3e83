using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SmsVerify.Server.Tests.Support;

/// <summary>A tenant's webhook endpoint: a real HTTP server on loopback that keeps what it received.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SemaphoreSlim _received = new(0);

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Body, string? Signature, string? Event)> Requests { get; } = new();

    /// <summary>The status to answer with, one per request; 200 once they run out.</summary>
    public ConcurrentQueue<HttpStatusCode> Answers { get; } = new();

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            receiver.Requests.Enqueue((await reader.ReadToEndAsync(), request.Headers["SmsVerify-Signature"], request.Headers["SmsVerify-Event"]));
            receiver._received.Release();
            return Results.StatusCode((int)(receiver.Answers.TryDequeue(out var status) ? status : HttpStatusCode.OK));
        });
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = address + "/hook";
        return receiver;
    }

    /// <summary>Waits for the next request; the timeout only keeps a broken test from hanging.</summary>
    public async Task NextAsync()
    {
        if (!await _received.WaitAsync(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("No webhook arrived.");
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
