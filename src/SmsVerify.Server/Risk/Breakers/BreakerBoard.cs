using System.Collections.Frozen;

namespace SmsVerify.Server.Risk.Breakers;

/// <summary>An open breaker as the send path sees it.</summary>
public sealed record OpenBreaker(Guid Id, Guid TenantId, BreakerScope Scope, string Key, DateTime OpenedAt);

/// <summary>
/// This node's copy of the open breakers. The send path asks it without a database round trip; a trip or reset on
/// this node changes it at once, and <see cref="BreakerRefresher"/> reloads it from the database every
/// <see cref="BreakerOptions.RefreshInterval"/> for those on other nodes.
/// </summary>
public sealed class BreakerBoard
{
    private readonly record struct Slot(Guid TenantId, BreakerScope Scope, string Key);

    private readonly Lock _changes = new();
    private volatile FrozenDictionary<Slot, OpenBreaker> _open = FrozenDictionary<Slot, OpenBreaker>.Empty;
    private long _version;

    /// <summary>Bumped by every local change, so a reload that started before one does not undo it.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The widest open breaker over this send (tenant, then signature, then template), or null. Allocates nothing.</summary>
    public OpenBreaker? Find(Guid tenantId, string signature, string template)
    {
        var open = _open;
        if (open.Count == 0)
        {
            return null;
        }
        return open.GetValueOrDefault(new Slot(tenantId, BreakerScope.Tenant, ""))
            ?? open.GetValueOrDefault(new Slot(tenantId, BreakerScope.Signature, signature))
            ?? open.GetValueOrDefault(new Slot(tenantId, BreakerScope.Template, template));
    }

    public bool IsOpen(Guid tenantId, BreakerScope scope, string key) => _open.ContainsKey(new Slot(tenantId, scope, key));

    public void Opened(OpenBreaker breaker) => Change(open => open[Of(breaker)] = breaker);

    public void Closed(Guid breakerId) => Change(open =>
    {
        foreach (var (slot, breaker) in open.Where(e => e.Value.Id == breakerId).ToList())
        {
            open.Remove(slot);
        }
    });

    /// <summary>
    /// Replaces the copy with what the database holds, unless a local change came after <paramref name="readAtVersion"/>
    /// (the reload may have missed it): false then, and the caller reads again.
    /// </summary>
    public bool Replace(IEnumerable<OpenBreaker> breakers, long readAtVersion)
    {
        lock (_changes)
        {
            if (Version != readAtVersion)
            {
                return false;
            }
            _open = breakers.ToFrozenDictionary(Of);
            return true;
        }
    }

    private void Change(Action<Dictionary<Slot, OpenBreaker>> change)
    {
        lock (_changes)
        {
            var open = new Dictionary<Slot, OpenBreaker>(_open);
            change(open);
            _open = open.ToFrozenDictionary();
            Interlocked.Increment(ref _version);
        }
    }

    private static Slot Of(OpenBreaker breaker) => new(breaker.TenantId, breaker.Scope, breaker.Key);
}
