namespace SmsVerify.Server.Captcha;

/// <summary>What checking a captcha payload found: <see cref="Valid"/>, or the first reason it is not.</summary>
public enum CaptchaVerdict
{
    Valid,

    /// <summary>Too long, not base64, not JSON, a field missing, or a salt that is not ours.</summary>
    Malformed,

    /// <summary>An algorithm other than SHA-256.</summary>
    WrongAlgorithm,

    /// <summary>The signature is not ours for this challenge: forged, or the challenge was altered.</summary>
    BadSignature,

    /// <summary>The number does not hash to the challenge: not solved.</summary>
    WrongNumber,

    Expired,

    /// <summary>Issued for another tenant.</summary>
    OtherTenant,

    /// <summary>Already used once; a solved challenge buys one send.</summary>
    Reused,
}
