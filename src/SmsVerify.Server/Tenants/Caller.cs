using System.Security.Claims;

namespace SmsVerify.Server.Tenants;

/// <summary>Who sent a request, as resolved from its API key.</summary>
public sealed record Caller(Guid KeyId, Guid? TenantId, TenantMode Mode, string? Role)
{
    public const string TenantClaim = "tenant";
    public const string ModeClaim = "mode";
    public const string KeyClaim = "key";

    /// <summary>A person signed in to the console: their user name (<c>Operators</c>).</summary>
    public const string OperatorClaim = "operator";

    /// <summary>How the audit trail names a person: <c>operator:alice</c>.</summary>
    public static string PersonActor(string userName) => $"operator:{userName}";

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        List<Claim> claims = [new(KeyClaim, KeyId.ToString())];
        if (TenantId is { } tenantId)
        {
            claims.Add(new(TenantClaim, tenantId.ToString()));
            claims.Add(new(ModeClaim, Mode.ToString()));
        }
        if (Role is not null)
        {
            claims.Add(new(ClaimTypes.Role, Role));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}

public static class CallerPrincipalExtensions
{
    /// <summary>The caller's tenant. Endpoints that call this sit behind the tenant policy, which guarantees it.</summary>
    public static Guid TenantId(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(Caller.TenantClaim)!);

    public static TenantMode TenantMode(this ClaimsPrincipal user) => Enum.Parse<TenantMode>(user.FindFirstValue(Caller.ModeClaim)!);

    public static Guid KeyId(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(Caller.KeyClaim)!);
}
