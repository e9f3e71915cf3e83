using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using SmsVerify.Server.Tests.Channels;

namespace SmsVerify.Server.Tests.Telemetry;

/// <summary>What a trace backend receives from a test server: its own span configuration, exported in memory instead of by OTLP.</summary>
public sealed class ExportedSpans
{
    private readonly List<Activity> _spans = [];

    /// <summary>Adds the in-memory exporter to a test server's services.</summary>
    public void AddTo(IServiceCollection services) =>
        services.AddOpenTelemetry().WithTracing(tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(new LockingExporter(_spans))));

    /// <summary>The spans ended so far.</summary>
    public List<Activity> All()
    {
        lock (_spans)
        {
            return [.. _spans];
        }
    }

    /// <summary>The first span that <paramref name="match"/> takes, once it has ended.</summary>
    public async Task<Activity> WaitForAsync(Predicate<Activity> match, string what)
    {
        Activity? span = null;
        await Wait.Until(() => (span = All().Find(match)) is not null, what);
        return span!;
    }

    // The library's in-memory exporter adds to its list without a lock, so a test reading the list while the server
    // ends a span could copy it mid-resize; this one adds under the same lock that All() reads under.
    private sealed class LockingExporter(List<Activity> spans) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            lock (spans)
            {
                foreach (var span in batch)
                {
                    spans.Add(span);
                }
            }
            return ExportResult.Success;
        }
    }
}
