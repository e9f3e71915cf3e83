using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.WebConsole;

/// <summary>How the console names a tenant's kind and mode (ConsoleText keys).</summary>
public static class TenantText
{
    public static string Kind(TenantKind kind) => kind == TenantKind.Enterprise ? "Enterprise" : "Personal";

    public static string Mode(TenantMode mode) => mode == TenantMode.Live ? "Live" : "Sandbox";

    /// <summary>A tenant person's role (<see cref="TenantPeople.TenantRoles"/>).</summary>
    public static string Role(string role) => role switch { "owner" => "Owner", "developer" => "Developer", _ => "Viewer" };

    /// <summary>A webhook delivery's status.</summary>
    public static string DeliveryStatus(Webhooks.DeliveryStatus status) => status switch
    {
        Webhooks.DeliveryStatus.Delivered => "Delivered",
        Webhooks.DeliveryStatus.Failed => "Given up",
        _ => "Pending",
    };
}
