using System.Security.Cryptography;
using System.Text;

namespace SmsVerify.Server.Tenants;

/// <summary>Makes and hashes API keys. The prefixes let secret scanners recognise a leaked key.</summary>
public static class ApiKeySecrets
{
    public const string TenantPrefix = "sv_";
    public const string OperatorPrefix = "svo_";

    /// <summary>A new key: the prefix and 32 random bytes in base64url.</summary>
    public static string New(string prefix) => prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>What the key list shows: enough to recognise a key, far too little to use it.</summary>
    public static string Prefix(string key) => key[..Math.Min(key.Length, 12)];

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
