using System.Globalization;

namespace SmsVerify.Server.Sandbox;

/// <summary>
/// The built-in signature and verification template every tenant may use towards its own test numbers, so the
/// whole flow works before any qualification or review exists.
/// </summary>
public static class SandboxTemplate
{
    public const string Signature = "SmsVerify";
    public const string TemplateCode = "SMS_SANDBOX_VERIFY";

    public static string Render(string code, TimeSpan validFor) => string.Create(CultureInfo.InvariantCulture,
        $"【{Signature}】验证码 {code}，{MinutesLeft(validFor)} 分钟内有效。请勿告诉他人，工作人员不会向你索取验证码。");

    /// <summary>
    /// Whole minutes left, rounded down so that a resent code never promises more time than it has (3 min 50 s is
    /// "3"); a few seconds of slack keep a fresh 5-minute code "5" although the text is made a moment after it.
    /// </summary>
    private static int MinutesLeft(TimeSpan validFor) => Math.Max(1, (int)((validFor.TotalSeconds + 5) / 60));

    /// <summary>The same text with the code hidden, as the message log keeps it.</summary>
    public static string RenderMasked(int codeLength, TimeSpan validFor) => Render(new string('*', codeLength), validFor);
}
