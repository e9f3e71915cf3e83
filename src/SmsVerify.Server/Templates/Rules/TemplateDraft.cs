using SmsVerify.Server.Review;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Templates.Rules;

public enum TemplateType { Verification, Notification, Marketing }

/// <summary>A template as submitted: its name, type, content with <c>${name}</c> variables, and the scenario it
/// is used in (what the auditor checks the content against).</summary>
public sealed record TemplateDraft(string Name, TemplateType Type, string Content, string Scenario);

/// <summary>What is already known about the tenant: its kind, and the domains of its approved landing
/// applications (the only domains a link may point to, and a WebOTP line may bind a code to).</summary>
public sealed record TemplateContext(TenantKind TenantKind, IReadOnlyCollection<string> ApprovedDomains);

/// <summary>The outcome of a review: the findings and the variables the content declares.</summary>
public sealed record TemplateReview(IReadOnlyList<Finding> Findings, IReadOnlyList<TemplateVariable> Variables)
{
    /// <summary>An error: the template is rejected at once.</summary>
    public bool Rejected => Findings.Any(f => f.Severity == Finding.Error);

    /// <summary>Warnings only: a human reviewer decides.</summary>
    public bool NeedsHumanReview => !Rejected && Findings.Count > 0;

    /// <summary>No finding: the template may be approved without a human.</summary>
    public bool Clean => Findings.Count == 0;
}
