namespace SmsVerify.Server.Channels;

/// <summary>
/// Starts every enabled carrier channel (SMPP, CMPP) with the server, connecting in the background, and runs the sandbox carrier's
/// receipts; on shutdown closes each channel's links after its outstanding responses are in.
/// </summary>
internal sealed class ChannelHost(ChannelRouter router, SandboxCarrierChannel sandbox) : IHostedService
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

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(Carriers.Select(c => c.StopAsync(cancellationToken)).Append(_sandbox));
    }
}
