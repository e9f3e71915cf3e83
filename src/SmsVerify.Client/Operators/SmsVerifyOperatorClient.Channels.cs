namespace SmsVerify.Client;

public sealed partial class SmsVerifyOperatorClient
{
    /// <summary>Every carrier channel with its binds, counters, breaker and queued messages. Admin keys only.</summary>
    public Task<List<Channel>> ListChannelsAsync(CancellationToken cancellationToken = default) =>
        _calls.SendAsync(ApiCall.Get("v1/channels"), ClientJson.Default.ListChannel, cancellationToken);

    public Task<QueueDepth> GetQueueAsync(CancellationToken cancellationToken = default) =>
        _calls.SendAsync(ApiCall.Get("v1/channels/queue"), ClientJson.Default.QueueDepth, cancellationToken);
}
