using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Health;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Infrastructure.Security;

namespace SmsVerify.Server.Infrastructure;

public static class InfrastructureExtensions
{
    /// <summary>Where the embedded default listens when no URL is configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplicationBuilder AddInfrastructure(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = ProblemsExtensions.MaxRequestBodyBytes;
            // Room past the limits the app answers with a problem (ProblemsExtensions), so Kestrel's bare 414 and
            // 431 come only for requests far beyond them.
            kestrel.Limits.MaxRequestLineSize = 2 * ProblemsExtensions.MaxRequestTargetLength;
            kestrel.Limits.MaxRequestHeadersTotalSize = 2 * ProblemsExtensions.MaxRequestHeadersBytes;
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        builder.AddProblems();
        builder.AddDatabase();
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration("Security");
        builder.Services.AddSingleton<ServerKeys>();
        builder.Services.AddHostedService<StartupTasks>();
        builder.Services.AddSingleton<MasterKeyRotation>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MasterKeyRotation>());
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ClusterCache>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClusterCache>());
        builder.Services.AddSingleton<WriteBatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WriteBatcher>());
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<LimitStoreHealthCheck>("limits", tags: ["ready"]);
        builder.Services.AddOpenApi(ApiDocument.Describe);
        return builder;
    }

    public static WebApplication MapInfrastructure(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapOpenApi();
        app.MapScalarApiReference("/docs");
        return app;
    }
}
