using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Messages;

namespace SmsVerify.Server.Sending;

/// <summary>
/// Sends under an <c>Idempotency-Key</c> (Stripe's rules), for every native door that sends (messages, verification
/// codes): the first successful answer is stored with what the send wrote, in its transaction, and replayed for 24
/// hours to the same key with the same body; another body is refused. Two requests racing with one key: the
/// database's key lets one commit, and the other replays its answer. A tenant's keys are one space for all its sends.
/// </summary>
internal sealed class IdempotencyKeys(AppDbContext db, IdempotencyKeys.InFlight inFlight, TimeProvider clock, IOptions<JsonOptions> json)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// Runs <paramref name="send"/> once per key: it is given the maker of the record to store with its writes (null
    /// when the request has no key), and its answer goes out through <paramref name="answer"/>, or is replayed with
    /// <paramref name="statusCode"/>.
    /// </summary>
    public async Task<IResult> SendAsync<TRequest, TAnswer>(
        Guid tenantId, string? key, TRequest request, int statusCode, Func<Func<TAnswer, IdempotencyRecord>?, Task<Outcome<TAnswer>>> send,
        Func<TAnswer, IResult> answer, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return Answer(await send(null), answer);
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
        if (!inFlight.TryEnter(tenantId, key))
        {
            // A retry racing its first request on this node: run beside it, it could only be refused by what the first
            // one does (a code just sent is "too soon", the number's limit counted it), not get the first one's answer.
            return InUse();
        }
        var now = clock.UtcNowForStorage();
        try
        {
            var outcome = await send(result => new IdempotencyRecord
            {
                TenantId = tenantId,
                Key = key,
                RequestHash = hash,
                StatusCode = statusCode,
                Response = JsonSerializer.Serialize(result, json.Value.SerializerOptions),
                CreatedAt = now,
                ExpiresAt = now + Lifetime,
            });
            // Refused because another request with this key got there first (a code it just sent is "resend too soon"):
            // its answer is this one's too.
            return outcome.Error is not null && await ReplayAsync(tenantId, key, hash, cancellationToken) is { } first ? first : Answer(outcome, answer);
        }
        catch (Exception e) when (e is DbUpdateException or DbException)
        {
            // Another request with this key committed first: its record is the answer.
            db.ChangeTracker.Clear();
            return await ReplayAsync(tenantId, key, hash, cancellationToken) ?? InUse();
        }
        finally
        {
            inFlight.Leave(tenantId, key);
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

    private static IResult InUse() =>
        ProblemTypes.IdempotencyKeyInUse.With("Another request with this key is being handled; retry to get its answer.").ToResult();

    private static IResult Answer<TAnswer>(Outcome<TAnswer> outcome, Func<TAnswer, IResult> answer) =>
        outcome.Error is { } error ? error.ToResult() : answer(outcome.Value!);

    /// <summary>The keys whose requests this node is handling now.</summary>
    internal sealed class InFlight
    {
        private readonly ConcurrentDictionary<(Guid, string), byte> _keys = new();

        public bool TryEnter(Guid tenantId, string key) => _keys.TryAdd((tenantId, key), 0);

        public void Leave(Guid tenantId, string key) => _keys.TryRemove((tenantId, key), out _);
    }
}
