using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.WebConsole;

/// <summary>How the console names roles (ConsoleText keys).</summary>
public static class OperatorText
{
    public static string Role(string role) => role switch
    {
        OperatorOptions.AdminRole => "Admin",
        OperatorOptions.AuditorRole => "Auditor",
        OperatorOptions.RiskRole => "Risk officer",
        _ => role,
    };
}
