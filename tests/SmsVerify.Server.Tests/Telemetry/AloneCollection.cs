namespace SmsVerify.Server.Tests.Telemetry;

/// <summary>
/// Tests that read exact counts off a scrape, or need no tracer listening. OpenTelemetry listens to meters and
/// activity sources by name across the process, so the other test servers' measurements would add to this one's,
/// and their tracers would record this one's spans, if they ran at the same time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Exact metrics";
}
