using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Security;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Infrastructure;

/// <summary>
/// Runs before the server accepts requests (a lifecycle service's Starting step precedes every host start):
/// migrate the database, load the server's keys, make sure an operator key exists.
/// </summary>
internal sealed class StartupTasks(
    IServiceScopeFactory scopes,
    ServerKeys keys,
    IOptions<SecurityOptions> security,
    IOptions<OperatorOptions> operatorOptions,
    TimeProvider clock,
    ILogger<StartupTasks> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.MigrateAsync(cancellationToken);
        await SecurityStartup.InitializeAsync(db, security.Value, keys, clock, cancellationToken);
        await OperatorKeyStartup.EnsureAsync(db, scope.ServiceProvider.GetRequiredService<AuditTrail>(), operatorOptions.Value, clock, logger, cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
