using SmsVerify.Server.Signatures.Rules;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Tests.Templates.Rules;

public class FindingDocsTests
{
    [Fact]
    public void EveryFindingCode_IsDocumented()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SmsVerify.slnx")))
        {
            directory = directory.Parent;
        }
        var docs = File.ReadAllText(Path.Combine(directory!.FullName, "docs", "review-rules.md"));
        var missing = TemplateFindingCodes.All.Concat(SignatureFindingCodes.All)
            .Where(c => !docs.Contains($"| `{c.Code}` | {c.Severity} |", StringComparison.Ordinal)).Select(c => c.Code).ToList();
        Assert.True(missing.Count == 0, "Not in docs/review-rules.md with its severity: " + string.Join(", ", missing));
    }
}
