using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace SmsVerify.Server.Compat.Twilio;

/// <summary>
/// Twilio's resource ids: two letters and 32 hex digits. A verification's sid is its SmsVerify id (<c>VE</c> + the
/// Guid's 32 hex digits), so the native API and the Twilio API name the same verification; a message's is
/// <c>VL</c> + its id. Services have ids of their own (<c>VA</c> + 32 random hex digits).
/// </summary>
internal static class TwilioSids
{
    public const int Length = 34;
    public const string Service = "VA", Verification = "VE", Attempt = "VL";

    private static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdefABCDEF");

    public static string NewService() => Service + RandomNumberGenerator.GetHexString(32, lowercase: true);

    public static string Of(string prefix, Guid id) => prefix + id.ToString("N");

    public static bool IsService([NotNullWhen(true)] string? sid) => IsSid(sid, Service);

    public static bool TryParse(string? sid, string prefix, out Guid id)
    {
        id = Guid.Empty;
        return IsSid(sid, prefix) && Guid.TryParseExact(sid[2..], "N", out id);
    }

    private static bool IsSid([NotNullWhen(true)] string? sid, string prefix) =>
        sid is { Length: Length } && sid.StartsWith(prefix, StringComparison.Ordinal) && !sid.AsSpan(2).ContainsAnyExcept(Hex);
}
