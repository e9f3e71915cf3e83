using SmsVerify.Server.Content;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Sending;

/// <summary><c>POST /v1/messages</c>: its body checked, then sent through the pipeline under its <c>Idempotency-Key</c>, if any.</summary>
internal sealed class IdempotentSends(SendPipeline pipeline, IdempotencyKeys keys)
{
    public async Task<IResult> SendAsync(Guid tenantId, TenantMode mode, SendMessagesRequest request, string? key, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid.ToResult();
        }
        var send = new SendRequest(tenantId, mode, request.To!, request.Signature, request.Template, request.Params);
        return await keys.SendAsync<SendMessagesRequest, SendResult>(tenantId, key, request, StatusCodes.Status202Accepted,
            remember => pipeline.SendAsync(send, remember, cancellationToken), result => TypedResults.Accepted((string?)null, result), cancellationToken);
    }

    /// <summary>The shape of <c>POST /v1/messages</c>, checked before anything is read.</summary>
    private static ApiError? Validate(SendMessagesRequest request)
    {
        if (request.To is not { Count: > 0 and <= SendPipeline.MaxRecipients })
        {
            return ProblemTypes.Invalid("to", $"to is a list of 1 to {SendPipeline.MaxRecipients} phone numbers.");
        }
        if (request.Signature is not { Length: > 0 and <= SendParameters.MaxNameLength } || request.Template is not { Length: > 0 and <= SendParameters.MaxNameLength })
        {
            return ProblemTypes.Invalid(request.Signature is not { Length: > 0 and <= SendParameters.MaxNameLength } ? "signature" : "template",
                $"signature (the name in 【】) and template (its code) are required, each at most {SendParameters.MaxNameLength} characters.");
        }
        return request.Params is { Count: > SendParameters.MaxCount } ? ProblemTypes.Invalid("params", $"At most {SendParameters.MaxCount} params.") : null;
    }
}
