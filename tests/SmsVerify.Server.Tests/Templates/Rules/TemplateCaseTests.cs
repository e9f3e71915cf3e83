using SmsVerify.Server.Templates.Rules;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Tests.Templates.Rules;

/// <summary>One template case of <c>cases/templates.json</c>; see docs/review-rules.md, "The case suite".</summary>
public sealed record TemplateCase(
    string Name,
    TenantKind TenantKind,
    TemplateType Type,
    string Content,
    CaseExpectation Expect,
    string? Scenario = null,
    string? TemplateName = null,
    IReadOnlyList<string>? ApprovedDomains = null,
    int? PadTo = null,
    string? PadWith = null,
    string? Source = null)
{
    private const string PadMarker = "{pad}";

    /// <summary>
    /// The content as reviewed. A length case gives <see cref="PadTo"/>: the content is filled with <see cref="PadWith"/>
    /// to exactly that many characters, at <c>{pad}</c> if the content has it (so a suffix stays last), else at the end.
    /// </summary>
    public string FullContent
    {
        get
        {
            var at = Content.IndexOf(PadMarker, StringComparison.Ordinal);
            var text = at < 0 ? Content : Content.Remove(at, PadMarker.Length);
            if (PadTo is not { } length || text.Length >= length)
            {
                return text;
            }
            var fill = string.Concat(Enumerable.Repeat(PadWith ?? "好", length - text.Length))[..(length - text.Length)];
            return text.Insert(at < 0 ? text.Length : at, fill);
        }
    }
}

// Every case runs through the engine the API uses, over the default policy file the server loads, and must give
// exactly the expected verdict and finding codes: a new finding on a case fails it as surely as a missing one.
public class TemplateCaseTests
{
    private static readonly IReadOnlyList<TemplateCase> Cases = RuleCases.Load<TemplateCase>(Path.Combine("Templates", "Rules", "cases", "templates.json"));

    public static TheoryData<string> Names => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Case_GivesTheExpectedVerdictAndFindings(string name)
    {
        var c = Cases.Single(c => c.Name == name);
        // The API trims the name and the scenario, never the content.
        var draft = new TemplateDraft((c.TemplateName ?? "测试用例").Trim(), c.Type, c.FullContent, (c.Scenario ?? DefaultScenario(c.Type)).Trim());
        var review = RulesTestPolicy.Engine.Review(draft, new TemplateContext(c.TenantKind, c.ApprovedDomains ?? []));
        RuleCases.AssertMatches(c.Expect, review.Findings, $"{c.Name}: {c.Content}");
    }

    [Fact]
    public void Suite_IsLargeWellFormedAndCoversEveryCode() =>
        RuleCases.AssertSuite(Cases.Select(c => (c.Name, c.Expect)).ToList(), 150, TemplateFindingCodes.All);

    [Fact]
    public void Suite_HasACompliantCaseOfEveryTypeForEveryTenantKind()
    {
        var approved = Cases.Where(c => c.Expect.Verdict == "approved").Select(c => (c.Type, c.TenantKind)).ToHashSet();
        Assert.All(Enum.GetValues<TemplateType>(), type => Assert.Contains((type, TenantKind.Enterprise), approved));
        // A personal tenant may not send marketing at all, so only its verification and notification cases can pass.
        Assert.Contains((TemplateType.Verification, TenantKind.Personal), approved);
        Assert.Contains((TemplateType.Notification, TenantKind.Personal), approved);
        Assert.Contains(Cases, c => c.Source?.StartsWith("seed", StringComparison.Ordinal) == true);
    }

    private static string DefaultScenario(TemplateType type) => type switch
    {
        TemplateType.Verification => "用户在 App 登录或注册时发送",
        TemplateType.Notification => "订单状态变化时通知下单用户",
        _ => "向已订阅会员推送店铺活动",
    };
}
