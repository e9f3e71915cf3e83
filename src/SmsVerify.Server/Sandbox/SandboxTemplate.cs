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
        $"【{Signature}】验证码 {code}，{Math.Max(1, (int)Math.Ceiling(validFor.TotalMinutes))} 分钟内有效。请勿告诉他人，工作人员不会向你索取验证码。");

    /// <summary>The same text with the code hidden, as the message log keeps it.</summary>
    public static string RenderMasked(int codeLength, TimeSpan validFor) => Render(new string('*', codeLength), validFor);
}
