using System.Text.Json.Serialization;

namespace SmsVerify.Server.Captcha;

/// <summary>
/// An ALTCHA challenge, as the widget fetches it: <c>challenge</c> is hex SHA-256 of <c>salt</c> followed by a
/// secret number from 0 to <c>maxnumber</c>, and <c>signature</c> is hex HMAC-SHA256 of <c>challenge</c> under the
/// server's captcha key. The salt carries its expiry and tenant as parameters (<c>…?expires=…&amp;tenant=…&amp;</c>),
/// so both are covered by the hash and, through it, by the signature.
/// </summary>
public sealed record CaptchaChallenge(
    string Algorithm,
    string Challenge,
    [property: JsonPropertyName("maxnumber")] int MaxNumber,
    string Salt,
    string Signature);
