using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Content;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Sending;

/// <summary>
/// Sends under an <c>Idempotency-Key</c> (Stripe's rules): the first successful answer is stored with the messages,
/// in their transaction, and replayed for 24 hours to the same key with the same body; another body is refused. Two
/// requests racing with one key: the database's key lets one commit, and the other replays its answer.
/// </summary>
internal sealed class IdempotentSends(AppDbContext db, SendPipeline pipeline, TimeProvider clock, IOptions<JsonOptions> json)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public async Task<IResult> SendAsync(Guid tenantId, TenantMode mode, SendMessagesRequest request, string? key, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid.ToResult();
        }
        var send = new SendRequest(tenantId, mode, request.To!, request.Signature, request.Template, request.Params);
        if (key is null)
        {
            return Answer(await pipeline.SendAsync(send, null, cancellationToken));
        }
        if (key.Length is 0 or > IdempotencyRecord.MaxKeyLength)
        {
            return ProblemTypes.Invalid("Idempotency-Key", $"Idempotency-Key is 1 to {IdempotencyRecord.MaxKeyLength} characters.").ToResult();
        }
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, json.Value.SerializerOptions));
        var expired = clock.UtcNowForStorage();
        await db.IdempotencyKeys.Where(r => r.TenantId == tenantId && r.Key == key && r.ExpiresAt <= expired).ExecuteDeleteAsync(cancellationToken);
        if (await ReplayAsync(tenantId, key, hash, cancellationToken) is { } replay)
        {
            return replay;
        }
        var now = clock.UtcNowForStorage();
        try
        {
            return Answer(await pipeline.SendAsync(send, result => new IdempotencyRecord
            {
                TenantId = tenantId,
                Key = key,
                RequestHash = hash,
                StatusCode = StatusCodes.Status202Accepted,
                Response = JsonSerializer.Serialize(result, json.Value.SerializerOptions),
                CreatedAt = now,
                ExpiresAt = now + Lifetime,
            }, cancellationToken));
        }
        catch (Exception e) when (e is DbUpdateException or DbException)
        {
            // Another request with this key committed first: its record is the answer.
            db.ChangeTracker.Clear();
            return await ReplayAsync(tenantId, key, hash, cancellationToken)
                ?? ProblemTypes.IdempotencyKeyInUse.With("Another request with this key is being handled; retry to get its answer.").ToResult();
        }
    }

    private async Task<IResult?> ReplayAsync(Guid tenantId, string key, byte[] hash, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowForStorage();
        var stored = await db.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(r => r.TenantId == tenantId && r.Key == key && r.ExpiresAt > now, cancellationToken);
        if (stored is null)
        {
            return null;
        }
        return CryptographicOperations.FixedTimeEquals(stored.RequestHash, hash)
            ? Results.Content(stored.Response, "application/json", statusCode: stored.StatusCode)
            : ProblemTypes.IdempotencyKeyReused.With($"The key was first used at {stored.CreatedAt:O} for a request with another body.").ToResult();
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

    private static IResult Answer(Outcome<SendResult> outcome) =>
        outcome.Error is { } error ? error.ToResult() : TypedResults.Accepted((string?)null, outcome.Value);
}
