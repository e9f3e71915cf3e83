namespace SmsVerify.Server.TenantPeople;

/// <summary>
/// The tenant console's sign-in: a cookie scheme of its own, apart from the operators' (another cookie, another path),
/// so an operator's session opens no tenant page and a tenant's opens no operator page. API endpoints take keys only.
/// </summary>
public static class TenantConsoleAuth
{
    public const string Scheme = "TenantConsole";

    /// <summary>The person's id (the tenant is in <see cref="Tenants.Caller.TenantClaim"/>).</summary>
    public const string UserClaim = "tenant-user";

    /// <summary>Present while the tenant requires a second factor the person has not set up: only that page opens.</summary>
    public const string MustEnrolClaim = "must-enrol";

    /// <summary>Signed in, even before setting up a required second factor.</summary>
    public const string SignedIn = "app.signed-in";

    /// <summary>Signed in with whatever the tenant requires: every page, read-only for viewers.</summary>
    public const string Anyone = "app";

    /// <summary>Owners and developers: anything that changes onboarding, keys, webhooks or sends.</summary>
    public const string Developer = "app.developer";

    /// <summary>Owners only: people and the account.</summary>
    public const string Owner = "app.owner";
}
