using System.Collections.Concurrent;
using SmsVerify.Client;

namespace SmsVerify.Server.Tests.Client;

/// <summary>What goes wrong with one attempt: the answer the client gets instead of the server's, or none at all.</summary>
/// <param name="Forward">Whether the request reaches the server first, as when a proxy or the network loses the answer.</param>
/// <param name="Answer">What the client gets instead; null: the connection drops.</param>
public sealed record Fault(bool Forward, Func<HttpResponseMessage>? Answer);

/// <summary>
/// Stands between the client and the real server as a proxy or a flaky network would: records each attempt with its
/// idempotency key, and spoils the next ones as the test queues <see cref="Faults"/>; the rest pass untouched.
/// </summary>
public sealed class FlakyNetwork : DelegatingHandler
{
    public ConcurrentQueue<Fault> Faults { get; } = new();

    public ConcurrentQueue<(HttpMethod Method, string Path, string? Key)> Attempts { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = request.Headers.TryGetValues(SmsVerifyClient.IdempotencyKeyHeader, out var values) ? values.Single() : null;
        Attempts.Enqueue((request.Method, request.RequestUri!.AbsolutePath, key));
        if (!Faults.TryDequeue(out var fault))
        {
            return await base.SendAsync(request, cancellationToken);
        }
        if (fault.Forward)
        {
            (await base.SendAsync(request, cancellationToken)).Dispose();
        }
        return fault.Answer?.Invoke() ?? throw new HttpRequestException("The connection was reset.");
    }
}
