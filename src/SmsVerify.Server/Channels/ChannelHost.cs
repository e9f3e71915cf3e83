namespace SmsVerify.Server.Channels;

/// <summary>
/// Starts every enabled carrier channel (SMPP, CMPP) with the server, connecting in the background, and runs the sandbox carrier's
/// receipts; on shutdown closes each channel's links after its outstanding responses are in.
/// </summary>
/// <remarks>
/// The links close once every hosted service has stopped (<see cref="StoppedAsync"/>), so the delivery worker's last
/// submits go out and are answered on open links rather than being cut off and marked as possibly sent.
/// </remarks>
internal sealed class ChannelHost(ChannelRouter router, SandboxCarrierChannel sandbox) : IHostedLifecycleService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _sandbox = Task.CompletedTask;

    private IEnumerable<CarrierChannel> Carriers => router.Channels.OfType<CarrierChannel>();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var channel in Carriers)
        {
            channel.Start();
        }
        _sandbox = Task.Run(() => sandbox.RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(Carriers.Select(c => c.StopAsync(cancellationToken)).Append(_sandbox));
    }
}
