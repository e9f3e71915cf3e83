using System.CommandLine;

namespace SmsVerify.Cli;

/// <summary>The options every command takes: which server and key, and JSON for scripts.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Profile = new("--profile") { Description = "The profile to use instead of the current one.", Recursive = true };

    public static readonly Option<string?> Server = new("--server") { Description = "The server's address; overrides the profile and SMSVERIFY_SERVER.", Recursive = true };

    public static readonly Option<string?> Key = new("--key") { Description = "The API key; overrides the profile and SMSVERIFY_KEY.", Recursive = true };

    public static readonly Option<bool> Json = new("--json") { Description = "Print the API's JSON instead of tables.", Recursive = true };
}
