using System.Collections.Concurrent;

namespace SmsVerify.Server.SmppGateway;

/// <summary>
/// Each account's messages per second, across its binds on this node: a token bucket holding one second's worth,
/// refilled continuously from the server's clock. A submit over it is answered ESME_RTHROTTLED, which gateways
/// take as "slow down and send it again".
/// </summary>
internal sealed class AccountRates(TimeProvider clock)
{
    private sealed class Bucket(int perSecond, long now)
    {
        public int PerSecond = perSecond;
        public double Tokens = perSecond;
        public long RefilledAt = now;
    }

    private readonly ConcurrentDictionary<Guid, Bucket> _buckets = new();

    public bool TryTake(Guid accountId, int perSecond)
    {
        var now = clock.GetTimestamp();
        var bucket = _buckets.GetOrAdd(accountId, _ => new Bucket(perSecond, now));
        lock (bucket)
        {
            // A changed rate takes effect with the account's next bind, which passes the new one.
            bucket.PerSecond = perSecond;
            var elapsed = clock.GetElapsedTime(bucket.RefilledAt, now).TotalSeconds;
            bucket.Tokens = Math.Min(perSecond, bucket.Tokens + (elapsed * perSecond));
            bucket.RefilledAt = now;
            if (bucket.Tokens < 1)
            {
                return false;
            }
            bucket.Tokens--;
            return true;
        }
    }

    public void Forget(Guid accountId) => _buckets.TryRemove(accountId, out _);
}
