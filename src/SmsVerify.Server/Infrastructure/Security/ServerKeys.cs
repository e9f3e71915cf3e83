using System.Security.Cryptography;
using System.Text;

namespace SmsVerify.Server.Infrastructure.Security;

/// <summary>
/// Keys derived from the master secret with HKDF, one per purpose, so that no key is ever used for two things.
/// Set once at startup by <see cref="SecurityStartup"/>. Each purpose is a <see cref="KeyRing"/>: while a master key
/// is being rotated, the keys of the older master keys still open and verify what they sealed and signed.
/// </summary>
public sealed class ServerKeys
{
    private KeyRing? _codeHash, _codeSeal, _documents, _personalData, _messageSeal, _captcha, _credentialSeal, _secondFactor;

    /// <summary>HMAC keys for verification codes.</summary>
    public KeyRing CodeHash => _codeHash ?? throw NotReady();

    /// <summary>AES-GCM keys that seal a pending code so a resend can carry the same code.</summary>
    public KeyRing CodeSeal => _codeSeal ?? throw NotReady();

    /// <summary>AES-GCM keys for personal documents at rest.</summary>
    public KeyRing Documents => _documents ?? throw NotReady();

    /// <summary>AES-GCM keys for identity numbers and webhook secrets kept in the database.</summary>
    public KeyRing PersonalData => _personalData ?? throw NotReady();

    /// <summary>AES-GCM keys for the text of a message waiting for a carrier (it may carry a live code).</summary>
    public KeyRing MessageSeal => _messageSeal ?? throw NotReady();

    /// <summary>HMAC keys that sign captcha challenges.</summary>
    public KeyRing Captcha => _captcha ?? throw NotReady();

    /// <summary>AES-GCM keys for the secrets of vendor API credentials, which must be opened to check signatures.</summary>
    public KeyRing CredentialSeal => _credentialSeal ?? throw NotReady();

    /// <summary>AES-GCM keys for people's TOTP secrets, which must be opened to check a code.</summary>
    public KeyRing SecondFactor => _secondFactor ?? throw NotReady();

    /// <summary>Whether any master key besides the current one is known, so values may need re-sealing.</summary>
    public bool HasOlder => CodeHash.HasOlder;

    /// <param name="masterKey">The key everything new is sealed and signed with.</param>
    /// <param name="olderMasterKeys">Keys that only open and verify, for values sealed before a rotation.</param>
    public void Initialize(ReadOnlySpan<byte> masterKey, IReadOnlyList<byte[]>? olderMasterKeys = null)
    {
        byte[][] masters = [masterKey.ToArray(), .. olderMasterKeys ?? []];
        _secondFactor = Derive(masters, "smsverify/operator-second-factor");
        _documents = Derive(masters, "smsverify/document-encryption");
        _personalData = Derive(masters, "smsverify/personal-data");
        _codeHash = Derive(masters, "smsverify/verification-code-hash");
        _codeSeal = Derive(masters, "smsverify/verification-code-seal");
        _messageSeal = Derive(masters, "smsverify/message-text-seal");
        _captcha = Derive(masters, "smsverify/captcha-challenge");
        _credentialSeal = Derive(masters, "smsverify/vendor-credential-seal");
    }

    private static KeyRing Derive(byte[][] masters, string purpose)
    {
        var info = Encoding.UTF8.GetBytes(purpose);
        return new KeyRing(Array.ConvertAll(masters, master =>
        {
            var key = new byte[32];
            HKDF.DeriveKey(HashAlgorithmName.SHA256, master, key, salt: [], info: info);
            return key;
        }));
    }

    private static InvalidOperationException NotReady() => new("Server keys are read before startup initialised them.");
}
