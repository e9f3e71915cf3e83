using SmsVerify.Server.Operators;

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

    public static bool IsCurrent(PathString request, string section) =>
        section == "/console" ? request == "/console" : request.StartsWithSegments(section);
}
