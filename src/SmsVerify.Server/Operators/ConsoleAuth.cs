using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Operators;

/// <summary>
/// The console's own sign-in: a cookie scheme apart from the API keys'. API endpoints accept keys only, so a
/// browser session can never call the JSON API by a forged cross-site request; console pages accept the cookie
/// only, with antiforgery on every form.
/// </summary>
public static class ConsoleAuth
{
    public const string Scheme = "Console";

    /// <summary>Any signed-in person.</summary>
    public const string Anyone = "console";

    /// <summary>Admins and auditors: the review queue and the audit trail.</summary>
    public const string Auditor = "console.auditor";

    /// <summary>Admins and risk officers: breakers, blocks, incidents, the content scorer.</summary>
    public const string Risk = "console.risk";

    /// <summary>Admins only: tenants, channels, operators.</summary>
    public const string Admin = "console.admin";

    public static readonly (string Policy, string[] Roles)[] Policies =
    [
        (Anyone, OperatorOptions.Roles),
        (Auditor, [OperatorOptions.AdminRole, OperatorOptions.AuditorRole]),
        (Risk, [OperatorOptions.AdminRole, OperatorOptions.RiskRole]),
        (Admin, [OperatorOptions.AdminRole]),
    ];
}
