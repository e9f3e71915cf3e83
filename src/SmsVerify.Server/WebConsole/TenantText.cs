using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.WebConsole;

/// <summary>How the console names a tenant's kind and mode (ConsoleText keys).</summary>
public static class TenantText
{
    public static string Kind(TenantKind kind) => kind == TenantKind.Enterprise ? "Enterprise" : "Personal";

    public static string Mode(TenantMode mode) => mode == TenantMode.Live ? "Live" : "Sandbox";
}
