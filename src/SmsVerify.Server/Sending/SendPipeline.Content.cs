using SmsVerify.Server.Content;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Sandbox;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Sending;

// What a send says: the tenant's approved signature and template (or, for a code to a test number, the built-in
// sandbox template), filled with values that fit their variables, screened for risk.
internal sealed partial class SendPipeline
{
    private async Task<Outcome<(ApprovedContent? Content, Dictionary<string, string> Values)>> FitContentAsync(SendRequest request, CancellationToken cancellationToken)
    {
        var code = request.Code;
        if (code is not null && NamesTheSandboxTemplate(request))
        {
            return request.Values is { Count: > 0 }
                ? ProblemTypes.Invalid("params", "params fill a template: name your signature and template too.")
                : ((ApprovedContent?)null, new Dictionary<string, string>());
        }
        if (request.Signature is null || request.Template is null)
        {
            return ProblemTypes.Invalid(request.Signature is null ? "signature" : "template", "Name both the signature and the template, or neither.");
        }
        var resolved = await contents.ResolveAsync(db, request.TenantId, request.Signature, request.Template,
            code is null ? null : TemplateType.Verification, cancellationToken);
        if (resolved.Error is { } unusable)
        {
            return unusable;
        }
        var content = resolved.Value!;
        var values = request.Values is null ? [] : new Dictionary<string, string>(request.Values, StringComparer.Ordinal);
        if (code is not null)
        {
            if (values.ContainsKey(content.CodeVariable!))
            {
                return SendParameters.Problem(content.CodeVariable!, "reserved", $"${{{content.CodeVariable}}} is the code: the server makes it, a request cannot set it.");
            }
            // The code is the server's and always fits; a placeholder stands in for it until it is known.
            values[content.CodeVariable!] = new string('0', code.RequestedLength);
        }
        if (await screen.CheckAsync(request.TenantId, content, values) is { } refused)
        {
            return refused;
        }
        if (SendParameters.Check(content, values, SendParameters.CodeLength, sending.Value.MaxTextParameterLength) is { } badValue)
        {
            return badValue;
        }
        var now = clock.GetUtcNow();
        if (content.Type == TemplateType.Marketing && !MarketingWindow.IsOpen(now))
        {
            return ProblemTypes.MarketingWindowClosed.With("Marketing messages go out between 08:00 and 20:00 China time.") with
            {
                RetryAfter = MarketingWindow.UntilOpen(now),
            };
        }
        return (content, values);
    }

    /// <summary>A code send naming no content, or the built-in sandbox signature and template by name, which is the same.</summary>
    private static bool NamesTheSandboxTemplate(SendRequest request) =>
        (request.Signature, request.Template) is (null, null) or (SandboxTemplate.Signature, SandboxTemplate.TemplateCode);
}
