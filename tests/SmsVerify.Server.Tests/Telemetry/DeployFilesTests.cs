using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Limits;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Review;
using SmsVerify.Server.Risk.Breakers;
using SmsVerify.Server.Tests.Support;
using SmsVerify.Server.Verification;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Tests.Telemetry;

/// <summary>
/// What cannot run here (Grafana, Prometheus, Docker): the dashboard and the alert rules name only metrics the server
/// has, and the compose file holds together.
/// </summary>
public sealed partial class DeployFilesTests
{
    [Fact]
    public async Task DashboardAndAlerts_NameOnlyMetricsTheServerHas()
    {
        var dashboard = JsonDocument.Parse(Checkout.Read("deploy", "grafana-dashboard.json")).RootElement;
        var queries = dashboard.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.Str("expr")).ToList();
        var named = queries.Append(Checkout.Read("deploy", "alerts.yml"))
            .SelectMany(q => MetricName().Matches(q).Select(m => m.Value)).ToHashSet();

        var served = await ServedNamesAsync();

        Assert.True(named.Count >= 10, $"only {named.Count} metrics named");
        var unknown = named.Where(n => !served.Contains(Regex.Replace(n, "_(bucket|count|sum)$", ""))).ToList();
        Assert.True(unknown.Count == 0, "not the server's: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Compose_DefinesTheNodesItUses_AndNamesFilesThatExist()
    {
        var compose = Checkout.Read("deploy", "compose.yaml");

        Assert.DoesNotContain('\t', compose); // YAML indents with spaces only
        var services = compose[compose.IndexOf("\nservices:\n", StringComparison.Ordinal)..];
        foreach (var service in new[] { "postgres", "redis", "node1", "node2", "node3", "proxy" })
        {
            Assert.Matches($"\n  {service}:", services);
        }
        Assert.Equal(3, Regex.Matches(compose, @"\*node\b").Count);
        Assert.Contains("x-node: &node", compose, StringComparison.Ordinal);
        foreach (Match file in Regex.Matches(compose, @"\./([\w.-]+):"))
        {
            Assert.True(File.Exists(Path.Combine(Checkout.Root, "deploy", file.Groups[1].Value)), file.Value);
        }
        Assert.True(File.Exists(Path.Combine(Checkout.Root, "deploy", "Dockerfile")));
        var nginx = Checkout.Read("deploy", "nginx.conf");
        Assert.All(new[] { "node1:8080", "node2:8080", "node3:8080" }, node => Assert.Contains(node, nginx, StringComparison.Ordinal));
    }

    /// <summary>
    /// The Prometheus names of the server's own instruments: OpenTelemetry's name with <c>_</c> for <c>.</c>, the
    /// unit (<c>_seconds</c>), and <c>_total</c> for counters.
    /// </summary>
    private static async Task<HashSet<string>> ServedNamesAsync()
    {
        HashSet<string> served = [];
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name.StartsWith("SmsVerify.", StringComparison.Ordinal))
                {
                    var name = instrument.Name.Replace('.', '_') + (instrument.Unit == "s" ? "_seconds" : "")
                        + (instrument is Counter<long> ? "_total" : "");
                    lock (served)
                    {
                        served.Add(name);
                    }
                }
            },
        };
        await using var app = new SmsVerifyApp { Settings = { ["Telemetry:Prometheus:Enabled"] = "true" } };
        await app.InitializeAsync();
        foreach (var owner in new[] { typeof(MessageMetrics), typeof(QueueMetrics), typeof(VerificationMetrics), typeof(LimitsMetrics),
            typeof(BreakerMetrics), typeof(ChannelMetrics), typeof(WebhookMetrics), typeof(ReviewMetrics) })
        {
            app.Services.GetRequiredService(owner);
        }
        listener.Start(); // publishes the instruments made so far
        return served;
    }

    [GeneratedRegex(@"\bsmsverify_[a-z_]+")]
    private static partial Regex MetricName();
}
