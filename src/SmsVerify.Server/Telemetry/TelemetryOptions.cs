namespace SmsVerify.Server.Telemetry;

/// <summary>
/// Where metrics and traces go (<c>Telemetry</c> in configuration, docs/operations.md "Metrics, traces and logs").
/// With nothing set nothing is exported and no instrument costs more than a check that no one listens.
/// </summary>
public sealed class TelemetryOptions
{
    public PrometheusOptions Prometheus { get; set; } = new();

    public OtlpOptions Otlp { get; set; } = new();

    /// <summary>Whether metrics are collected at all: for a scrape, for OTLP, or both.</summary>
    public bool Metrics => Prometheus.Enabled || Otlp.Endpoint is not null;
}

public sealed class PrometheusOptions
{
    /// <summary>Serves the scrape endpoint. Off by default: the metrics name carriers, channels and volumes.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// A port of its own that serves only the scrape, with no key (keep it off the public network). Unset, the
    /// scrape is on the main port and needs an operator key with the admin or auditor role.
    /// </summary>
    public int? Port { get; set; }

    public string Path { get; set; } = "/metrics";
}

public sealed class OtlpOptions
{
    /// <summary>An OTLP collector (for example <c>http://127.0.0.1:4317</c>); set, metrics and traces are sent there.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary><c>Grpc</c> (port 4317 by convention) or <c>HttpProtobuf</c> (4318).</summary>
    public OpenTelemetry.Exporter.OtlpExportProtocol Protocol { get; set; } = OpenTelemetry.Exporter.OtlpExportProtocol.Grpc;
}
