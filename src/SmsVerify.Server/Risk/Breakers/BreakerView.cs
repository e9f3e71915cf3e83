namespace SmsVerify.Server.Risk.Breakers;

/// <summary>A breaker as the API shows it (and the <c>risk.breaker_opened</c> webhook carries it).</summary>
public sealed record BreakerView(
    Guid Id, Guid TenantId, BreakerScope Scope, string? Signature, string? Template, BreakerStatus Status, int Violations, DateTime OpenedAt,
    Guid IncidentId, DateTime? ResetAt, string? ResetBy, string? ResetReason)
{
    public static BreakerView From(Breaker b) => new(b.Id, b.TenantId, b.Scope,
        b.Scope == BreakerScope.Signature ? b.Key : null, b.Scope == BreakerScope.Template ? b.Key : null,
        b.Status, b.Violations, b.OpenedAt, b.IncidentId, b.ResetAt, b.ResetBy, b.ResetReason);
}

public sealed record ResetBreakerRequest(string? Reason);

/// <summary>A breaker opened by hand: over the tenant (no target), one of its signatures or one of its templates.</summary>
public sealed record TripBreakerRequest(Guid? TenantId, string? Scope, string? Target, string? Reason);
