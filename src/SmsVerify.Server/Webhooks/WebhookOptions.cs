namespace SmsVerify.Server.Webhooks;

/// <summary>The <c>Webhooks</c> section.</summary>
public sealed class WebhookOptions
{
    /// <summary>Allows <c>http://</c> URLs; off by default, so events and signatures travel encrypted.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// Allows URLs that resolve to loopback, private or link-local addresses. Off by default: a tenant's URL must
    /// not reach into the operator's own network (or a cloud metadata service) through the server.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts before a delivery is given up: the gaps grow from 10 s to 6 h, about a day in all.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How often the dispatcher looks for due retries when nothing new wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a node remembers which events a tenant subscribes to. A webhook set or removed through another node
    /// takes effect here within this time; through this node, at once.
    /// </summary>
    public TimeSpan SubscriptionCacheTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Days a delivery is kept after it was posted or given up (<c>GET /v1/webhooks/deliveries</c> shows them).</summary>
    public int RetentionDays { get; set; } = 30;
}
