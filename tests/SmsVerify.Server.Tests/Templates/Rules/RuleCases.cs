using System.Text.Json;
using System.Text.Json.Serialization;
using SmsVerify.Server.Review;

namespace SmsVerify.Server.Tests.Templates.Rules;

/// <summary>What a case expects of a review: the verdict and the exact set of finding codes.</summary>
public sealed record CaseExpectation(string Verdict, IReadOnlyList<string> Codes);

/// <summary>Reads the case files under <c>cases/</c> (copied next to the tests) and judges findings the way review does.</summary>
internal static class RuleCases
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static IReadOnlyList<T> Load<T>(string relativePath) =>
        JsonSerializer.Deserialize<List<T>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, relativePath)), Json)
            ?? throw new InvalidOperationException($"{relativePath} is empty.");

    /// <summary>The review outcome rule: any error rejects; else any warning goes to a human; else approved.</summary>
    public static string Verdict(IReadOnlyList<Finding> findings) =>
        findings.Any(f => f.Severity == Finding.Error) ? "rejected" : findings.Count > 0 ? "review" : "approved";

    /// <summary>Enough cases, unique names, verdicts that agree with their codes, and a positive case for every code.</summary>
    public static void AssertSuite(IReadOnlyList<(string Name, CaseExpectation Expect)> cases, int minimum, IReadOnlyList<FindingCode> codes)
    {
        Assert.True(cases.Count >= minimum, $"{cases.Count} cases; the suite keeps at least {minimum}.");
        Assert.Empty(cases.GroupBy(c => c.Name).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.All(cases, c => Assert.Contains(c.Expect.Verdict, new[] { "approved", "review", "rejected" }));
        Assert.All(cases, c => Assert.Equal(c.Expect.Verdict == "approved", c.Expect.Codes.Count == 0));
        var covered = cases.SelectMany(c => c.Expect.Codes).ToHashSet();
        var uncovered = codes.Select(c => c.Code).Where(code => !covered.Contains(code)).ToList();
        Assert.True(uncovered.Count == 0, "No case expects " + string.Join(", ", uncovered));
    }

    public static void AssertMatches(CaseExpectation expect, IReadOnlyList<Finding> findings, string what)
    {
        var actual = findings.Select(f => f.Code).Distinct().Order(StringComparer.Ordinal).ToList();
        var expected = expect.Codes.Distinct().Order(StringComparer.Ordinal).ToList();
        var verdict = Verdict(findings);
        if (verdict != expect.Verdict || !actual.SequenceEqual(expected))
        {
            throw new Xunit.Sdk.XunitException(
                $"{what}\n expected {expect.Verdict} [{string.Join(", ", expected)}]\n   actual {verdict} [{string.Join(", ", actual)}]\n"
                + string.Join("\n", findings.Select(f => $"   {f.Severity} {f.Code}: {f.Message}")));
        }
    }
}
