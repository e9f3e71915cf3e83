using SmsVerify.Server.Billing;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Sandbox;
using SmsVerify.Server.Sending;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Verification;

// What a verification says: the tenant's approved signature and verification template, or the built-in ones.
public sealed partial class VerificationService
{
    /// <summary>The tenant's content with its parameters screened for risk and checked, or null for the built-in sandbox template.</summary>
    private async Task<Outcome<ApprovedContent?>> ResolveContentAsync(Guid tenantId, CreateVerificationRequest request, CancellationToken cancellationToken)
    {
        if (request.Signature is null && request.Template is null)
        {
            return request.Params is { Count: > 0 }
                ? ProblemTypes.Invalid("params", "params fill a template: name your signature and template too.")
                : Outcome<ApprovedContent?>.Of(null);
        }
        if (request.Signature is null || request.Template is null)
        {
            return ProblemTypes.Invalid(request.Signature is null ? "signature" : "template", "Name both the signature and the template, or neither.");
        }
        var resolved = await ContentResolver.ResolveAsync(db, tenantId, request.Signature, request.Template, TemplateType.Verification, cancellationToken);
        if (resolved.Error is { } error)
        {
            return error;
        }
        var content = resolved.Value!;
        if (request.Params is { } given && given.ContainsKey(content.CodeVariable!))
        {
            return SendParameters.Problem(content.CodeVariable!, "reserved", $"${{{content.CodeVariable}}} is the code: the server makes it, a request cannot set it.");
        }
        // The code is the server's and always fits; a placeholder stands in for it while the tenant's values are checked.
        var values = Values(content, request.Params, new string('0', request.CodeLength ?? DefaultCodeLength));
        if (await screen.CheckAsync(tenantId, content, values) is { } refused)
        {
            return refused;
        }
        return SendParameters.Check(content, values, SendParameters.CodeLength, sending.Value.MaxTextParameterLength) is { } invalid
            ? invalid
            : content;
    }

    private static Dictionary<string, string> Values(ApprovedContent content, Dictionary<string, string>? parameters, string code)
    {
        var values = parameters is null ? [] : new Dictionary<string, string>(parameters, StringComparer.Ordinal);
        values[content.CodeVariable!] = code;
        return values;
    }

    /// <summary>
    /// What the message to a real number costs, from its text with the code masked (the same length and alphabet as
    /// the real one), and whether the balance and the daily spend cap allow it. A read only: the charge itself is the guard.
    /// </summary>
    private async Task<(long Cost, ApiError? Refusal)> PriceAsync(
        Guid tenantId, ApprovedContent content, Dictionary<string, string>? parameters, int codeLength, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowForStorage();
        var funds = await Balances.FundsAsync(db, tenantId, billing.Value, now, cancellationToken);
        var cost = Segments.Count(content.Render(Values(content, parameters, new string('*', codeLength)))) * funds.Price;
        return (cost, funds.Refusal(cost, now));
    }

    /// <summary>The message that carries the code: to a test number's inbox at once, or to the queue for a carrier.</summary>
    private MessageRecord Message(
        VerificationRecord verification, ApprovedContent? content, Dictionary<string, string>? parameters, string code, bool toTestNumber, DateTime now)
    {
        var validFor = verification.ExpiresAt - now;
        var (text, masked) = content is null
            ? (SandboxTemplate.Render(code, validFor), SandboxTemplate.RenderMasked(code.Length, validFor))
            : (content.Render(Values(content, parameters, code)), content.Render(Values(content, parameters, new string('*', code.Length))));
        if (toTestNumber)
        {
            return SandboxDelivery.Record(new OutgoingText(verification.TenantId, verification.To, verification.Signature, verification.Template,
                text, masked, verification.Id), now);
        }
        var id = Guid.CreateVersion7();
        return new MessageRecord
        {
            Id = id,
            TenantId = verification.TenantId,
            To = verification.To,
            Signature = verification.Signature,
            Template = verification.Template,
            MaskedText = masked,
            TextSeal = texts.Seal(id, text),
            SourceExtension = content!.SourceExtension,
            Segments = Segments.Count(text),
            Status = MessageStatus.Queued,
            VerificationId = verification.Id,
            Priority = MessageRecord.CodePriority,
            NotAfter = verification.ExpiresAt,
            NextAttemptAt = now,
            CreatedAt = now,
        };
    }
}
