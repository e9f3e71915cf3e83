using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SmsVerify.Bench.Versus;

/// <summary>
/// Where both senders report back, in the bench process: Kannel's dlr-url callbacks (<c>GET /dlr?run=&amp;type=&amp;n=</c>)
/// and SmsVerify's webhook posts (<c>POST /webhook?run=</c>, a JSON array of <c>{id, type, createdAt, data}</c> events).
/// Kestrel on 127.0.0.1 and a free port, answering 200 with no body at once, so neither sender waits on it.
/// </summary>
internal sealed class CallbackSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private SinkRun? _current;

    private CallbackSink(WebApplication app) => _app = app;

    public int Port { get; private set; }

    public static async Task<CallbackSink> StartAsync()
    {
        // The empty builder reads no appsettings.json or environment, so nothing of the server's (copied next to the
        // bench) or of the shell's configuration changes the sink.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        // The default console lifetime would take Ctrl+C and SIGTERM for itself (it cancels them to stop the host),
        // so the bench would stop its children and then hang instead of ending.
        builder.Services.AddSingleton<IHostLifetime, NoLifetime>();
        var sink = new CallbackSink(builder.Build());
        sink._app.Run(sink.HandleAsync);
        await sink._app.StartAsync();
        // Kestrel lists the port it bound for port 0.
        sink.Port = new Uri(sink._app.Urls.First()).Port;
        return sink;
    }

    /// <summary>Counts the callbacks of a new run from now on; those of earlier runs are ignored.</summary>
    public SinkRun Begin(int expected, bool byVerification)
    {
        var run = new SinkRun(Bench.RandomKey(8), expected, byVerification);
        Volatile.Write(ref _current, run);
        return run;
    }

    /// <summary>Kannel's dlr-url for message <paramref name="n"/>; Kannel puts the report's type in for <c>%d</c>.</summary>
    public string KannelDlrUrl(SinkRun run, int n) => $"http://127.0.0.1:{Port}/dlr?run={run.Tag}&n={n}&type=%d";

    public Uri WebhookUrl(SinkRun run) => new($"http://127.0.0.1:{Port}/webhook?run={run.Tag}");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (Volatile.Read(ref _current) is { } run && request.Query["run"] == run.Tag)
        {
            if (request.Path == "/dlr")
            {
                run.KannelCallback(request.Query["n"], request.Query["type"]);
            }
            else if (request.Path == "/webhook")
            {
                await ReadEventsAsync(run, request.Body, context.RequestAborted);
            }
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static async Task ReadEventsAsync(SinkRun run, Stream body, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            var root = document.RootElement;
            // Status events come as an array; any other event alone.
            IEnumerable<JsonElement> events = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray() : [root];
            foreach (var e in events)
            {
                if (e.TryGetProperty("type", out var type) && type.ValueEquals("message.status") && e.TryGetProperty("data", out var data))
                {
                    run.StatusEvent(Text(data, "id"), Text(data, "verificationId"), Text(data, "status"));
                }
                else
                {
                    run.Unreadable();
                }
            }
        }
        catch (JsonException)
        {
            run.Unreadable();
        }
    }

    private static string? Text(JsonElement data, string property) =>
        data.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed class NoLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
