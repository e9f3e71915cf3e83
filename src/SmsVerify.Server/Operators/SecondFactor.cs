using Microsoft.EntityFrameworkCore;
using OtpNet;
using SmsVerify.Server.Infrastructure.Security;

namespace SmsVerify.Server.Operators;

/// <summary>A new TOTP secret as the person enrols it: Base32 for typing, an otpauth URI for a QR code.</summary>
public sealed record SecondFactorEnrolment(string Secret, string Uri);

/// <summary>
/// TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, what every authenticator app reads) with Otp.NET. The secret is
/// sealed with the server's key and bound to the account's id; a code is accepted one step early or late (clock
/// drift) and only once: the step it matched is stored, and a code of that step or an earlier one is refused.
/// </summary>
public sealed class SecondFactor(ServerKeys keys, TimeProvider clock)
{
    public const string Issuer = "SmsVerify";

    /// <summary>Operators' TOTP secrets, for a master key rotation.</summary>
    public static readonly SealedColumn SealedOperatorSecrets = new("operator second-factor secrets", keys => keys.SecondFactor,
        db => db.Operators.OrderBy(a => a.Id).Select(a => new SealedRow(a.Id, a.SealedTotpSecret, a.Id)),
        (db, row, resealed, _, _) => db.Operators.Where(a => a.Id == row.Id && a.SealedTotpSecret == row.Sealed)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.SealedTotpSecret, resealed)));

    /// <summary>Tenant people's TOTP secrets, for a master key rotation.</summary>
    public static readonly SealedColumn SealedTenantUserSecrets = new("tenant second-factor secrets", keys => keys.SecondFactor,
        db => db.TenantUsers.Where(u => u.SealedTotpSecret != null).OrderBy(u => u.Id).Select(u => new SealedRow(u.Id, u.SealedTotpSecret!, u.Id)),
        (db, row, resealed, _, _) => db.TenantUsers.Where(u => u.Id == row.Id && u.SealedTotpSecret == row.Sealed)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SealedTotpSecret, resealed)));
    private const int SecretBytes = 20;

    public (byte[] Sealed, SecondFactorEnrolment Enrolment) Enrol(OperatorAccountKey account)
    {
        var secret = KeyGeneration.GenerateRandomKey(SecretBytes);
        var base32 = Base32Encoding.ToString(secret);
        var uri = new OtpUri(OtpType.Totp, base32, account.UserName, Issuer).ToString();
        return (Sealing.Seal(keys.SecondFactor, secret, account.Id.ToByteArray()), new SecondFactorEnrolment(base32, uri));
    }

    /// <summary>The time step the code matched, when it is right and newer than <paramref name="lastStep"/>; else null.</summary>
    /// <summary>The enrolment of a secret sealed earlier (shown again while its person sets it up), or null if it is not one of ours.</summary>
    public SecondFactorEnrolment? Describe(byte[] sealedSecret, OperatorAccountKey account)
    {
        try
        {
            var base32 = Base32Encoding.ToString(Sealing.Open(keys.SecondFactor, sealedSecret, account.Id.ToByteArray()));
            return new SecondFactorEnrolment(base32, new OtpUri(OtpType.Totp, base32, account.UserName, Issuer).ToString());
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public long? Check(OperatorAccount account, string? code, long lastStep) => Check(account.Id, account.SealedTotpSecret, code, lastStep);

    /// <summary>The same for any person's account: the id the secret was sealed to, and the sealed secret.</summary>
    public long? Check(Guid accountId, byte[] sealedSecret, string? code, long lastStep)
    {
        if (code is not { Length: 6 } || !code.All(char.IsAsciiDigit))
        {
            return null;
        }
        var secret = Sealing.Open(keys.SecondFactor, sealedSecret, accountId.ToByteArray());
        var totp = new Totp(secret);
        return totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, VerificationWindow.RfcSpecifiedNetworkDelay) && step > lastStep
            ? step
            : null;
    }
}

/// <summary>What sealing a secret needs of an account: its id (bound to the secret) and its name (shown in the app).</summary>
public readonly record struct OperatorAccountKey(Guid Id, string UserName);
