using System.Text.RegularExpressions;

namespace SmsVerify.Server.TenantPeople;

/// <summary>What a tenant's people may do, and the shape of what they type.</summary>
public static partial class TenantRoles
{
    /// <summary>Everything, and the only role that invites people, changes roles and requires the second factor.</summary>
    public const string Owner = "owner";

    /// <summary>Onboarding, keys, webhooks, test sends: everything but the people and the account's money.</summary>
    public const string Developer = "developer";

    /// <summary>Reads every page, changes nothing.</summary>
    public const string Viewer = "viewer";

    public static readonly string[] All = [Owner, Developer, Viewer];

    /// <summary>Trimmed and lower case, or null when it does not look like an e-mail address.</summary>
    public static string? NormaliseEmail(string? email) =>
        email?.Trim().ToLowerInvariant() is { Length: > 0 and <= TenantUser.MaxEmailLength } e && EmailShape().IsMatch(e) ? e : null;

    /// <summary>How the audit trail names a tenant's person: <c>tenant:{id}/user:{id}</c> (an address may not fit).</summary>
    public static string Actor(Guid tenantId, Guid userId) => $"tenant:{tenantId}/user:{userId}";

    [GeneratedRegex(@"^[^@\s]{1,64}@[a-z0-9-]+(\.[a-z0-9-]+)+$")]
    private static partial Regex EmailShape();
}
