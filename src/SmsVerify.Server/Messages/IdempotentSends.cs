using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Messages;

/// <summary>
/// Sends under an <c>Idempotency-Key</c> (Stripe's rules): the first successful answer is stored with the messages,
/// in their transaction, and replayed for 24 hours to the same key with the same body; another body is refused. Two
/// requests racing with one key: the database's key lets one commit, and the other replays its answer.
/// </summary>
public sealed class IdempotentSends(AppDbContext db, MessageSender sender, TimeProvider clock, IOptions<JsonOptions> json)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public async Task<IResult> SendAsync(Guid tenantId, TenantMode mode, SendMessagesRequest request, string? key, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return Answer(await sender.SendAsync(tenantId, mode, request, null, cancellationToken));
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
            return Answer(await sender.SendAsync(tenantId, mode, request, result => new IdempotencyRecord
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
        catch (DbUpdateException)
        {
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

    private static IResult Answer(Outcome<SendResult> outcome) =>
        outcome.Error is { } error ? error.ToResult() : TypedResults.Accepted((string?)null, outcome.Value);
}
