using System.Text.Json;
using System.Text.RegularExpressions;

namespace SmsVerify.Server.Policy;

/// <summary>An industry no qualification may declare: a stable code, its names, and terms that reveal it.</summary>
public sealed record BannedIndustry(string Code, string Zh, string En, IReadOnlyList<string> Terms);

/// <summary>
/// The platform's rules as data, from a JSON file: the default in the repository (<c>Policy/policy.default.json</c>,
/// drawn from the seeds and the vendors' published rules) or the operator's own (<c>Policy:Path</c>). Checked
/// when the server starts, so a broken file stops the start instead of weakening review.
/// </summary>
/// <remarks>
/// <c>content</c>, <c>signatures</c>, <c>signatureSources</c>, <c>limits</c>, <c>pumping</c> and <c>breakers</c> came later than <c>bannedIndustries</c>: a file
/// without one of these sections gets that section from the built-in default (embedded in the server), so an
/// operator's older file keeps loading and still reviews templates and signatures.
/// </remarks>
public sealed partial record PlatformPolicy(
    string Version,
    IReadOnlyList<BannedIndustry> BannedIndustries,
    ContentPolicy Content = null!,
    SignaturePolicy Signatures = null!,
    SignatureSourcePolicy SignatureSources = null!,
    LimitsPolicy Limits = null!,
    PumpingPolicy Pumping = null!,
    BreakersPolicy Breakers = null!)
{
    public const string DefaultFileName = "policy.default.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    private static readonly Lazy<PlatformPolicy> BuiltInPolicy = new(LoadBuiltIn);

    /// <summary>The default policy as compiled into the server, the same text as <see cref="DefaultFileName"/>.</summary>
    public static PlatformPolicy BuiltIn => BuiltInPolicy.Value;

    public static PlatformPolicy Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The policy file {path} cannot be read: {e.Message}", e);
        }
        return Parse(json, $"The policy file {path}", BuiltIn);
    }

    private static PlatformPolicy LoadBuiltIn()
    {
        using var stream = typeof(PlatformPolicy).Assembly.GetManifestResourceStream(DefaultFileName)
            ?? throw new InvalidOperationException($"The built-in {DefaultFileName} is missing from the server assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "The built-in policy", fallback: null);
    }

    private static PlatformPolicy Parse(string json, string source, PlatformPolicy? fallback)
    {
        PlatformPolicy? policy;
        try
        {
            policy = JsonSerializer.Deserialize<PlatformPolicy>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{source} cannot be read: {e.Message}", e);
        }
        if (policy is not null && fallback is not null)
        {
            policy = policy with
            {
                Content = policy.Content ?? fallback.Content,
                Signatures = policy.Signatures ?? fallback.Signatures,
                SignatureSources = policy.SignatureSources ?? fallback.SignatureSources,
                Limits = policy.Limits?.CompletedFrom(fallback.Limits) ?? fallback.Limits,
                Pumping = policy.Pumping ?? fallback.Pumping,
                Breakers = policy.Breakers ?? fallback.Breakers,
            };
        }
        var problems = Problems(policy).Concat(policy is null ? [] : SectionProblems(policy)).ToList();
        return problems.Count == 0
            ? policy!
            : throw new InvalidOperationException($"{source} is not valid: {string.Join(" ", problems)}");
    }

    private static IEnumerable<string> Problems(PlatformPolicy? policy)
    {
        if (policy is null || string.IsNullOrWhiteSpace(policy.Version))
        {
            yield return "It needs a version.";
            yield break;
        }
        if (policy.BannedIndustries is not { Count: > 0 })
        {
            yield return "bannedIndustries is empty: a policy that bans nothing is almost certainly a mistake.";
            yield break;
        }
        foreach (var industry in policy.BannedIndustries)
        {
            if (industry.Code is null || !CodeShape().IsMatch(industry.Code))
            {
                yield return $"Industry code '{industry.Code}' must be lower_snake_case.";
            }
            if (string.IsNullOrWhiteSpace(industry.Zh) || string.IsNullOrWhiteSpace(industry.En))
            {
                yield return $"Industry '{industry.Code}' needs both a Chinese (zh) and an English (en) name.";
            }
            if (industry.Terms is not { Count: > 0 } || industry.Terms.Any(string.IsNullOrWhiteSpace))
            {
                yield return $"Industry '{industry.Code}' needs terms, none of them blank.";
            }
        }
        foreach (var duplicate in policy.BannedIndustries.GroupBy(i => i.Code).Where(g => g.Count() > 1))
        {
            yield return $"Industry code '{duplicate.Key}' appears {duplicate.Count()} times.";
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{1,47}$")]
    private static partial Regex CodeShape();
}
