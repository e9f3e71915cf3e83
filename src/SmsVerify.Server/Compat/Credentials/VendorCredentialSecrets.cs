using System.Security.Cryptography;

namespace SmsVerify.Server.Compat.Credentials;

/// <summary>
/// New ids and secrets in each vendor's own shape, so that SDKs and the tools around them (which check prefixes and
/// lengths) take them: Alibaba <c>LTAI</c> + 20 and a 30-character secret, Tencent <c>AKID</c> + 32 and a
/// 32-character key with a 10-digit <c>1400…</c> SmsSdkAppId, Twilio <c>AC</c> + 32 hex and a 32-hex auth token.
/// </summary>
internal static class VendorCredentialSecrets
{
    public const int MaxKeyIdLength = 40;

    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Hex = "0123456789abcdef";

    public static (string KeyId, string Secret, string? AppId) New(Vendor vendor) => vendor switch
    {
        Vendor.Alibaba => ("LTAI" + Random(Alphanumeric, 20), Random(Alphanumeric, 30), null),
        Vendor.Tencent => ("AKID" + Random(Alphanumeric, 32), Random(Alphanumeric, 32), "1400" + Random("0123456789", 6)),
        Vendor.Twilio => ("AC" + Random(Hex, 32), Random(Hex, 32), null),
        _ => throw new ArgumentOutOfRangeException(nameof(vendor)),
    };

    private static string Random(string alphabet, int length) => RandomNumberGenerator.GetString(alphabet, length);
}
