using SmsVerify.Server.Risk.Breakers;
using SmsVerify.Server.Risk.Content;
using SmsVerify.Server.Risk.Incidents;

namespace SmsVerify.Server.WebConsole;

/// <summary>How the console names content labels, breaker scopes and incident kinds (ConsoleText keys).</summary>
public static class RiskText
{
    public static string LabelName(ContentLabel label) => label switch
    {
        ContentLabel.Legitimate => "Legitimate",
        ContentLabel.Marketing => "Marketing",
        _ => "Spam or fraud",
    };

    public static string ScopeName(BreakerScope scope) => scope switch
    {
        BreakerScope.Tenant => "Whole tenant",
        BreakerScope.Signature => "Signature",
        _ => "Template",
    };

    public static string KindName(IncidentKind kind) => kind == IncidentKind.Breaker ? "Circuit breaker" : "Pumping";

    public static string StatusName(IncidentStatus status) => status == IncidentStatus.Open ? "In progress" : "Closed";
}
