using Microsoft.Extensions.Localization;

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

    public static string Age(IStringLocalizer text, TimeSpan age) =>
        age.TotalMinutes < 1 ? text["just now"]
        : age.TotalHours < 1 ? text["{0} min", (int)age.TotalMinutes]
        : age.TotalDays < 1 ? text["{0} h {1} min", (int)age.TotalHours, age.Minutes]
        : text["{0} d {1} h", (int)age.TotalDays, age.Hours];
}
