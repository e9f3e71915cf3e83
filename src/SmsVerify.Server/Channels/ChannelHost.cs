namespace SmsVerify.Server.Channels;

/// <summary>
/// Starts every enabled SMPP channel with the server, binding in the background, and runs the sandbox carrier's
/// receipts; on shutdown unbinds each channel after its outstanding responses are in.
/// </summary>
internal sealed class ChannelHost(ChannelRouter router, SandboxCarrierChannel sandbox) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _sandbox = Task.CompletedTask;

    private IEnumerable<SmppMessageChannel> Smpp => router.Channels.OfType<SmppMessageChannel>();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var channel in Smpp)
        {
            channel.Start();
        }
        _sandbox = Task.Run(() => sandbox.RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(Smpp.Select(c => c.StopAsync(cancellationToken)).Append(_sandbox));
    }
}
