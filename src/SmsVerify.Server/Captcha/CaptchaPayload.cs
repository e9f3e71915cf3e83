using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmsVerify.Server.Captcha;

/// <summary>
/// What the widget posts once it has solved a challenge: base64 of the JSON
/// <c>{algorithm, challenge, number, salt, signature, took}</c> (altcha's <c>createPayloadV1</c>). <c>took</c>, and
/// anything else the widget adds, is ignored.
/// </summary>
public sealed record CaptchaPayload(
    [property: JsonPropertyName("algorithm")] string? Algorithm,
    [property: JsonPropertyName("challenge")] string? Challenge,
    [property: JsonPropertyName("number")] long? Number,
    [property: JsonPropertyName("salt")] string? Salt,
    [property: JsonPropertyName("signature")] string? Signature)
{
    /// <summary>A real payload is about 400 characters; this leaves room and bounds the work on garbage.</summary>
    public const int MaxLength = 1024;

    /// <summary>The payload, or null when it is too long, not base64, not JSON or misses a field.</summary>
    public static CaptchaPayload? TryParse(string? base64)
    {
        if (string.IsNullOrEmpty(base64) || base64.Length > MaxLength)
        {
            return null;
        }
        Span<byte> json = stackalloc byte[MaxLength];
        if (!Convert.TryFromBase64String(base64, json, out var length))
        {
            return null;
        }
        try
        {
            var payload = JsonSerializer.Deserialize<CaptchaPayload>(json[..length]);
            return payload is { Algorithm: not null, Challenge: not null, Number: not null, Salt: not null, Signature: not null } ? payload : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
