using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Contract;

/// <summary>
/// A test that runs Redocly's OpenAPI linter. Skipped, with the reason, when `node` is not on PATH or the linter is not
/// installed (`npm ci --prefix tests/SmsVerify.Server.Tests/Contract/lint`; CI does this).
/// </summary>
public sealed class RedoclyFactAttribute : FactAttribute
{
    public RedoclyFactAttribute()
    {
        if (NodeScripts.FindNode() is null)
        {
            Skip = "node is not on PATH: the OpenAPI linter cannot run";
        }
        else if (ApiContractTests.LinterFolder() is not { } folder || !Directory.Exists(Path.Combine(folder, "node_modules", "@redocly", "cli")))
        {
            Skip = "@redocly/cli is not installed: run npm ci --prefix tests/SmsVerify.Server.Tests/Contract/lint";
        }
    }
}
