namespace SmsVerify.Server.Tenants;

public static class Policies
{
    /// <summary>A tenant key: the endpoint acts on the caller's own tenant.</summary>
    public const string Tenant = "tenant";

    /// <summary>An operator key with the admin role.</summary>
    public const string Admin = "admin";

    /// <summary>An operator key that may read reviews and the audit trail: admin or auditor.</summary>
    public const string Auditor = "auditor";

    /// <summary>An operator key with the risk role: watches abuse and tries content against the scorer.</summary>
    public const string Risk = "risk";
}
