using System.Security.Cryptography;
using System.Text;

namespace SmsVerify.Server.Infrastructure.Security;

/// <summary>
/// Keys derived from the master secret with HKDF, one per purpose, so that no key is ever used for two things.
/// Set once at startup by <see cref="SecurityStartup"/>.
/// </summary>
public sealed class ServerKeys
{
    private byte[]? _codeHashKey;
    private byte[]? _codeSealKey;
    private byte[]? _documentKey;
    private byte[]? _personalDataKey;
    private byte[]? _messageSealKey;
    private byte[]? _captchaKey;
    private byte[]? _credentialSealKey;
    private byte[]? _secondFactorKey;

    /// <summary>HMAC key for verification codes.</summary>
    public byte[] CodeHashKey => _codeHashKey ?? throw NotReady();

    /// <summary>AES-GCM key that seals a pending code so a resend can carry the same code.</summary>
    public byte[] CodeSealKey => _codeSealKey ?? throw NotReady();

    /// <summary>AES-GCM key for personal documents at rest.</summary>
    public byte[] DocumentKey => _documentKey ?? throw NotReady();

    /// <summary>AES-GCM key for identity numbers kept in the database.</summary>
    public byte[] PersonalDataKey => _personalDataKey ?? throw NotReady();

    /// <summary>AES-GCM key for the text of a message waiting for a carrier (it may carry a live code).</summary>
    public byte[] MessageSealKey => _messageSealKey ?? throw NotReady();
    /// <summary>HMAC key that signs captcha challenges.</summary>
    public byte[] CaptchaKey => _captchaKey ?? throw NotReady();

    /// <summary>AES-GCM key for the secrets of vendor API credentials, which must be opened to check signatures.</summary>
    public byte[] CredentialSealKey => _credentialSealKey ?? throw NotReady();

    /// <summary>AES-GCM key for operators' TOTP secrets, which must be opened to check a code.</summary>
    public byte[] SecondFactorKey => _secondFactorKey ?? throw NotReady();

    public void Initialize(ReadOnlySpan<byte> masterKey)
    {
        _secondFactorKey = Derive(masterKey, "smsverify/operator-second-factor");
        _documentKey = Derive(masterKey, "smsverify/document-encryption");
        _personalDataKey = Derive(masterKey, "smsverify/personal-data");
        _codeHashKey = Derive(masterKey, "smsverify/verification-code-hash");
        _codeSealKey = Derive(masterKey, "smsverify/verification-code-seal");
        _messageSealKey = Derive(masterKey, "smsverify/message-text-seal");
        _captchaKey = Derive(masterKey, "smsverify/captcha-challenge");
        _credentialSealKey = Derive(masterKey, "smsverify/vendor-credential-seal");
    }

    private static byte[] Derive(ReadOnlySpan<byte> masterKey, string purpose)
    {
        var key = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, key, salt: [], info: Encoding.UTF8.GetBytes(purpose));
        return key;
    }

    private static InvalidOperationException NotReady() => new("Server keys are read before startup initialised them.");
}
