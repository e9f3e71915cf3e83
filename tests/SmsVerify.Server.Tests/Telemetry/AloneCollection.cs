namespace SmsVerify.Server.Tests.Telemetry;

/// <summary>
/// Tests that read exact counts off a scrape. OpenTelemetry listens to meters by name across the process, so the
/// other test servers' measurements would add to this one's if they ran at the same time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Exact metrics";
}
