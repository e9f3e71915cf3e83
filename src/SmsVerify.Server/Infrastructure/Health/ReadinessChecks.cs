using Microsoft.Extensions.Diagnostics.HealthChecks;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Limits;

namespace SmsVerify.Server.Infrastructure.Health;

internal sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database does not answer.");
}

/// <summary>
/// Degraded rather than unhealthy while Redis does not answer: the node still sends, under its fallback budget,
/// so a load balancer should keep it; checks answer 503 until Redis is back.
/// </summary>
internal sealed class LimitStoreHealthCheck(ILimitStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.PingAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded("The limits store does not answer: sends use this node's fallback budget and checks answer 503.");
}
