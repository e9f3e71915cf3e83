namespace SmsVerify.Server.Tests.Captcha;

/// <summary>
/// A test against the reference ALTCHA library. Skipped, with the reason, when `node` is not on PATH or the
/// library is not installed (`npm ci --prefix tests/SmsVerify.Server.Tests/Captcha/altcha`; CI does this).
/// </summary>
public sealed class AltchaFactAttribute : FactAttribute
{
    public AltchaFactAttribute()
    {
        if (AltchaNode.FindNode() is null)
        {
            Skip = "node is not on PATH: the altcha-lib interop tests cannot run";
        }
        else if (AltchaNode.FindDirectory() is not { } directory || !Directory.Exists(Path.Combine(directory, "node_modules", "altcha-lib")))
        {
            Skip = "altcha-lib is not installed: run npm ci --prefix tests/SmsVerify.Server.Tests/Captcha/altcha";
        }
    }
}
