using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SmsVerify.Client;

/// <summary>
/// Checks a webhook request as the server signs it: <c>SmsVerify-Signature: sha256=&lt;hex HMAC-SHA256 of the raw
/// body&gt;</c>, keyed with the webhook's secret. Verify the raw body before parsing it.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "SmsVerify-Signature";

    /// <summary>
    /// How old an event may be. The signature carries no time of its own, so the age is the signed body's
    /// <c>createdAt</c>, which a retry keeps: the server retries a delivery for about 15 hours (10 attempts, from 10 s to
    /// 6 h apart), so a day lets every retry in. Within it, drop repeats by the event's id.
    /// </summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromHours(24);

    private const string Prefix = "sha256=";
    private const int HashBytes = 32;

    /// <summary>
    /// True when <paramref name="signature"/> (the header's value) is the body's HMAC under <paramref name="secret"/>,
    /// compared in constant time, and every event in the body was created within <paramref name="tolerance"/>
    /// (<see cref="DefaultTolerance"/> when null) of now, either way. The <c>alibaba</c> and <c>tencent</c> formats carry
    /// no <c>createdAt</c>: for them pass <see cref="Timeout.InfiniteTimeSpan"/>, which checks the signature alone.
    /// </summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? signature, TimeSpan? tolerance = null, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var window = tolerance ?? DefaultTolerance;
        return SignatureMatches(secret, body, signature)
            && (window == Timeout.InfiniteTimeSpan || IsFresh(body, window, (clock ?? TimeProvider.System).GetUtcNow()));
    }

    /// <inheritdoc cref="Verify(string, ReadOnlySpan{byte}, string?, TimeSpan?, TimeProvider?)"/>
    public static bool Verify(string secret, string body, string? signature, TimeSpan? tolerance = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Verify(secret, Encoding.UTF8.GetBytes(body), signature, tolerance, clock);
    }

    /// <summary>The events of a verified <c>smsverify</c>-format body: one, or a batch of <c>message.status</c> events.</summary>
    public static IReadOnlyList<WebhookEvent> ReadEvents(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        return reader.Read() && reader.TokenType == JsonTokenType.StartArray
            ? JsonSerializer.Deserialize(body, ClientJson.Default.ListWebhookEvent) ?? []
            : [JsonSerializer.Deserialize(body, ClientJson.Default.WebhookEvent) ?? throw new JsonException("The body is null.")];
    }

    /// <inheritdoc cref="ReadEvents(ReadOnlySpan{byte})"/>
    public static IReadOnlyList<WebhookEvent> ReadEvents(string body) => ReadEvents(Encoding.UTF8.GetBytes(body));

    private static bool SignatureMatches(string secret, ReadOnlySpan<byte> body, string? signature)
    {
        if (signature is null || !signature.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        Span<byte> given = stackalloc byte[HashBytes];
        if (Convert.FromHexString(signature.AsSpan(Prefix.Length), given, out _, out var written) != OperationStatus.Done || written != HashBytes)
        {
            return false;
        }
        Span<byte> expected = stackalloc byte[HashBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private static bool IsFresh(ReadOnlySpan<byte> body, TimeSpan tolerance, DateTimeOffset now)
    {
        IReadOnlyList<WebhookEvent> events;
        try
        {
            events = ReadEvents(body);
        }
        catch (JsonException)
        {
            return false;
        }
        return events.Count > 0 && events.All(e => (now - e.CreatedAt).Duration() <= tolerance);
    }
}
