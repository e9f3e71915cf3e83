using System.Net;
using SmsVerify.Server.Templates.Rules;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Templates.Rules;

/// <summary>
/// One case of <c>cases/evasion.json</c>: a text written to slip past the word lists (or a legitimate one that looks
/// like such a text), the plain form it <see cref="Hides"/>, what review finds in it as a notification template, and
/// what the send path answers when it comes as a variable's value: <c>sent</c>, or the reason code it is refused with.
/// </summary>
public sealed record EvasionCase(string Name, TemplateType Type, string Content, string Hides, CaseExpectation Expect, string Send);

/// <summary>The evasion corpus through the pre-check's engine and through the send path of a running server.</summary>
public sealed class EvasionCaseTests(EvasionCaseTests.Sender sender) : IClassFixture<EvasionCaseTests.Sender>
{
    private static readonly IReadOnlyList<EvasionCase> Cases = RuleCases.Load<EvasionCase>(Path.Combine("Templates", "Rules", "cases", "evasion.json"));

    public static TheoryData<string> Names => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Precheck_SeesThroughTheTrick_AndPointsAtTheTextAsWritten(string name)
    {
        var c = Cases.Single(c => c.Name == name);

        var review = RulesTestPolicy.ReviewAs(c.Type, c.Content);

        RuleCases.AssertMatches(c.Expect, review.Findings, $"{c.Name}: {c.Content} (hides {c.Hides})");
        Assert.All(review.Findings.Where(f => f.Span is not null), f => Assert.InRange(f.Span!.Value.Start + f.Span.Value.Length, 1, c.Content.Length));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task SendPath_RefusesTheTrickInAValue_AndSendsTheLegitimate(string name)
    {
        var index = Cases.ToList().FindIndex(c => c.Name == name);
        var c = Cases[index];
        var (live, template) = await sender.LiveAsync();

        var response = await live.SendAsync(template, new { service = c.Content }, $"+86139{index:00000000}");

        if (c.Send == "sent")
        {
            await response.OkAsync(HttpStatusCode.Accepted);
            return;
        }
        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "content_rejected");
        var codes = problem.GetProperty("reasons").EnumerateArray().Select(r => r.Str("code")).ToList();
        Assert.True(codes.Contains(c.Send), $"{c.Name}: expected {c.Send} among [{string.Join(", ", codes)}]");
    }

    [Fact]
    public void Corpus_HasEveryKindOfTrick_AndLegitimateLookAlikes()
    {
        Assert.True(Cases.Count(c => c.Expect.Verdict == "rejected") >= 30);
        Assert.True(Cases.Count(c => c.Expect.Verdict == "approved") >= 10);
        Assert.All(Cases.Where(c => c.Expect.Verdict == "rejected"), c => Assert.False(string.IsNullOrWhiteSpace(c.Hides), c.Name));
        Assert.Equal(Cases.Count, Cases.Select(c => c.Name).Distinct().Count());
    }

    /// <summary>
    /// A running server, and for each case a live tenant of its own with an approved notification whose one text value
    /// carries the case: refused content counts towards a template's breaker, so cases must not share one.
    /// </summary>
    public sealed class Sender : IAsyncLifetime
    {
        private readonly SmsVerifyApp _app = new();

        public async Task<(LiveSender Sender, string Template)> LiveAsync()
        {
            var live = await _app.CreateLiveSenderAsync();
            var template = await live.Tenant.CreateApprovedTemplateAsync(_app, "尊敬的客户，您预约的${service}已确认，如需改约请在应用内操作。", "notification");
            await _app.TopUpAsync(live.Tenant.Id, 10m);
            return (live, template);
        }

        public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

        public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();
    }
}
