using Microsoft.Extensions.Localization;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Review;

namespace SmsVerify.Server.WebConsole;

/// <summary>How the console names review kinds and waiting times.</summary>
public static class ReviewText
{
    public static string KindName(string kind) => kind switch
    {
        "qualification" => "Qualification",
        "application" => "Landing application",
        "real_person" => "Real-person verification",
        "signature" => "Signature",
        "template" => "Template",
        _ => kind,
    };

    public static string Status(string status) => status switch
    {
        "pending_review" => "Pending review",
        "approved" => "Approved",
        "rejected" => "Rejected",
        _ => status,
    };

    /// <summary>
    /// Why a submission was rejected, in the words of whoever rejected it: the reviewer's note, or else the rules'
    /// errors (a submission the rules rejected has no note).
    /// </summary>
    public static string? Reason(ReviewStatus status, string? note, IEnumerable<Finding> findings) =>
        status != ReviewStatus.Rejected ? null
        : note ?? string.Join(" ", findings.Where(f => f.Severity == Finding.Error).Select(f => f.Message));

    public static string Age(IStringLocalizer text, TimeSpan age) =>
        age.TotalMinutes < 1 ? text["just now"]
        : age.TotalHours < 1 ? text["{0} min", (int)age.TotalMinutes]
        : age.TotalDays < 1 ? text["{0} h {1} min", (int)age.TotalHours, age.Minutes]
        : text["{0} d {1} h", (int)age.TotalDays, age.Hours];
}

/// <summary>A submission's review as the onboarding pages show it: its status and, when rejected, why.</summary>
public sealed record ReviewState(ReviewStatus Status, string? Note, IReadOnlyList<Finding> Findings)
{
    /// <summary>The status as the API writes it (<c>pending_review</c>), which <see cref="ReviewText.Status(string)"/> names.</summary>
    public string Code => EnumInput.ApiName(Status);

    public string? Reason => ReviewText.Reason(Status, Note, Findings);
}
