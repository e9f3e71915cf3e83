using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace SmsVerify.Server.SmppGateway;

/// <summary>
/// Slows, then stops, password guessing over SMPP: each address's failed binds are counted over
/// <see cref="SmppListenerOptions.FailedBindLockout"/>. Past a few, every answer to it waits longer; past more, its
/// binds are refused without looking at the password until the lockout ends. Kept in memory per node: an
/// attacker spread over nodes gets a node's allowance on each, which still makes guessing an 8-character password
/// hopeless.
/// </summary>
internal sealed class BindGuard(IOptions<SmppListenerOptions> options, TimeProvider clock)
{
    /// <summary>Addresses remembered at most; past this the ones whose window has ended are forgotten first.</summary>
    private const int MaxAddresses = 10_000;

    private sealed class Failures
    {
        public int Count;
        public DateTimeOffset Since;
    }

    private readonly ConcurrentDictionary<IPAddress, Failures> _failures = new();

    /// <summary>Whether binds from <paramref name="address"/> are refused unchecked for now.</summary>
    public bool IsLockedOut(IPAddress address) =>
        Current(address) is { } failures && failures.Count >= options.Value.FailedBindsBeforeRefusing;

    /// <summary>How long to hold the answer to a failed bind: nothing for the first few, then a second more each.</summary>
    public TimeSpan DelayAfterFailure(IPAddress address)
    {
        var over = (Current(address)?.Count ?? 0) - options.Value.FailedBindsBeforeSlowing;
        return over <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(over, 5));
    }

    public void Failed(IPAddress address)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count >= MaxAddresses)
        {
            Forget(now);
        }
        var failures = _failures.GetOrAdd(address, _ => new Failures { Since = now });
        lock (failures)
        {
            if (now - failures.Since >= options.Value.FailedBindLockout)
            {
                (failures.Count, failures.Since) = (0, now);
            }
            failures.Count++;
        }
    }

    /// <summary>A good bind clears its address's count, so one mistyped password is not held against it later.</summary>
    public void Succeeded(IPAddress address) => _failures.TryRemove(address, out _);

    private Failures? Current(IPAddress address) =>
        _failures.TryGetValue(address, out var failures) && clock.GetUtcNow() - failures.Since < options.Value.FailedBindLockout ? failures : null;

    private void Forget(DateTimeOffset now)
    {
        foreach (var (address, failures) in _failures)
        {
            if (now - failures.Since >= options.Value.FailedBindLockout)
            {
                _failures.TryRemove(address, out _);
            }
        }
    }
}
