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
public sealed partial record PlatformPolicy(string Version, IReadOnlyList<BannedIndustry> BannedIndustries)
{
    public const string DefaultFileName = "policy.default.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    public static PlatformPolicy Load(string path)
    {
        PlatformPolicy? policy;
        try
        {
            policy = JsonSerializer.Deserialize<PlatformPolicy>(File.ReadAllText(path), Json);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The policy file {path} cannot be read: {e.Message}", e);
        }
        var problems = Problems(policy).ToList();
        return problems.Count == 0
            ? policy!
            : throw new InvalidOperationException($"The policy file {path} is not valid: {string.Join(" ", problems)}");
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
