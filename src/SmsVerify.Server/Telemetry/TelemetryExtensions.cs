using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SmsVerify.Server.Infrastructure;

namespace SmsVerify.Server.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>Every meter and activity source of SmsVerify's own is named under this prefix.</summary>
    public const string OwnPrefix = "SmsVerify.";

    /// <summary>
    /// What to measure and trace is always described; a provider (and so any cost) exists only when something
    /// exports: the scrape or OTLP for metrics, OTLP for traces. Reads <c>Telemetry</c> now, because a scrape port
    /// must be added to the server's addresses before it starts.
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration("Telemetry")
            .Validate(o => o.Prometheus.Port is null or (>= 1 and <= 65535), "Telemetry:Prometheus:Port is 1 to 65535.")
            .Validate(o => o.Prometheus.Path.StartsWith('/'), "Telemetry:Prometheus:Path starts with /.")
            .ValidateOnStart();
        var options = builder.Configuration.GetSection("Telemetry").Get<TelemetryOptions>() ?? new();
        builder.Services.ConfigureOpenTelemetryMeterProvider(Measure);
        builder.Services.ConfigureOpenTelemetryTracerProvider(Trace);
        var telemetry = builder.Services.AddOpenTelemetry();
        if (options.Metrics)
        {
            telemetry.WithMetrics(metrics =>
            {
                if (options.Prometheus.Enabled)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        }
        if (options.Otlp.Endpoint is { } endpoint)
        {
            void Otlp(OpenTelemetry.Exporter.OtlpExporterOptions otlp) => (otlp.Endpoint, otlp.Protocol) = (endpoint, options.Otlp.Protocol);
            telemetry.WithMetrics(metrics => metrics.AddOtlpExporter(Otlp)).WithTracing(tracing => tracing.AddOtlpExporter(Otlp));
        }
        if (options.Prometheus is { Enabled: true, Port: { } port })
        {
            ExtraListeners.AddTo(builder.Configuration, "SmsVerifyMetrics", [port]);
        }
        // The JSON console format carries the trace and span ids (a scope of every request) unless the operator says otherwise.
        if (builder.Configuration["Logging:Console:FormatterOptions:IncludeScopes"] is null)
        {
            builder.Services.Configure<JsonConsoleFormatterOptions>(json => json.IncludeScopes = true);
        }
        return builder;
    }

    private static void Measure(MeterProviderBuilder metrics) => metrics
        .AddMeter(OwnPrefix + "*")
        .AddAspNetCoreInstrumentation()
        .AddHttpClientInstrumentation()
        .AddNpgsqlInstrumentation();

    private static void Trace(TracerProviderBuilder tracing) => tracing
        .AddSource(OwnPrefix + "*")
        .AddAspNetCoreInstrumentation()
        .AddHttpClientInstrumentation()
        .AddNpgsql()
        .AddRedisInstrumentation();

    /// <summary>On the scrape's own port: the scrape, with no key, and nothing else (404).</summary>
    public static WebApplication UseTelemetry(this WebApplication app)
    {
        var prometheus = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus;
        if (prometheus is not { Enabled: true, Port: { } port })
        {
            return app;
        }
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            context => context.Connection.LocalPort == port && context.Request.Path == prometheus.Path);
        app.Use((context, next) =>
        {
            if (context.Connection.LocalPort != port)
            {
                return next(context);
            }
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        return app;
    }

    /// <summary>
    /// On the main port, the scrape needs an operator key with the admin or auditor role (a read-only key suffices).
    /// Like <c>/healthz</c>, it is no operation of the API and stays out of its OpenAPI document.
    /// </summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        var prometheus = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus;
        if (prometheus is { Enabled: true, Port: null })
        {
            app.MapPrometheusScrapingEndpoint(prometheus.Path).RequireAuthorization(Tenants.Policies.Auditor);
        }
        return app;
    }
}
