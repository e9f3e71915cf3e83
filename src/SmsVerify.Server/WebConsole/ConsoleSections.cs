using SmsVerify.Server.Operators;
using SmsVerify.Server.TenantPeople;

namespace SmsVerify.Server.WebConsole;

/// <summary>The console's sections as the header lists them: path, name (a ConsoleText key) and the policy of its folder.</summary>
public static class ConsoleSections
{
    public static readonly (string Path, string Name, string Policy)[] All =
    [
        ("/console", "Overview", ConsoleAuth.Anyone),
        ("/console/review", "Review queue", ConsoleAuth.Auditor),
        ("/console/tenants", "Tenants", ConsoleAuth.Admin),
        ("/console/risk", "Risk", ConsoleAuth.Risk),
        ("/console/channels", "Channels", ConsoleAuth.Admin),
        ("/console/audit", "Audit", ConsoleAuth.Auditor),
        ("/console/operators", "Operators", ConsoleAuth.Admin),
    ];

    /// <summary>The tenant console's sections.</summary>
    public static readonly (string Path, string Name, string Policy)[] Tenant =
    [
        ("/app", "Onboarding", TenantConsoleAuth.Anyone),
        ("/app/sandbox", "Sandbox", TenantConsoleAuth.Anyone),
        ("/app/messages", "Messages", TenantConsoleAuth.Anyone),
        ("/app/developers", "Developers", TenantConsoleAuth.Anyone),
        ("/app/account", "Account", TenantConsoleAuth.Anyone),
        ("/app/people", "People", TenantConsoleAuth.Owner),
    ];

    /// <summary>Whether a request is for the tenant console (<c>/app</c>) rather than the operators' (<c>/console</c>).</summary>
    public static bool IsTenantConsole(PathString request) => request.StartsWithSegments("/app");

    public static bool IsCurrent(PathString request, string section) =>
        section is "/console" or "/app" ? request == section : request.StartsWithSegments(section);
}
