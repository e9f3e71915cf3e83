using Microsoft.Extensions.Caching.Memory;

namespace SmsVerify.Server.Infrastructure;

/// <summary>
/// Tenants' settings that hot paths read on every request (captcha policy, rate-limit rules, webhook subscription),
/// kept in the shared <see cref="IMemoryCache"/> for a short time: a hit costs no database round trip and no await.
/// What changes a setting forgets it through <see cref="ClusterCache"/>, on every node at once.
/// </summary>
internal static class TenantCache
{
    /// <summary>
    /// The approved signatures and templates sends have named: read by the send pipeline, forgotten by whatever
    /// changes a signature or template (review decisions, edits, deletions), which depend on nothing of sending.
    /// </summary>
    public const string ApprovedContent = "approved-content";

    /// <summary>
    /// The cached <paramref name="kind"/> of the tenant's settings, or what <paramref name="read"/> gives, kept for
    /// <paramref name="lifetime"/> (zero: not kept). Pass what the read needs as <paramref name="state"/> and the read
    /// as a static lambda, so a hit allocates no closure.
    /// </summary>
    public static ValueTask<T> GetOrReadAsync<T, TState>(
        this IMemoryCache cache, string kind, Guid tenantId, TimeSpan lifetime, TState state, Func<TState, Task<T>> read) =>
        cache.TryGetValue(new Key(kind, tenantId), out T? cached) ? ValueTask.FromResult(cached!) : ReadAsync(cache, new Key(kind, tenantId), lifetime, state, read);

    /// <summary>The key of a tenant's <paramref name="kind"/>, for <see cref="ClusterCache.ForgetTenant"/>.</summary>
    internal static object KeyOf(string kind, Guid tenantId) => new Key(kind, tenantId);

    private static async ValueTask<T> ReadAsync<T, TState>(IMemoryCache cache, Key key, TimeSpan lifetime, TState state, Func<TState, Task<T>> read)
    {
        var value = await read(state);
        if (lifetime > TimeSpan.Zero)
        {
            cache.Set(key, value, lifetime);
        }
        return value;
    }

    private readonly record struct Key(string Kind, Guid TenantId);
}
