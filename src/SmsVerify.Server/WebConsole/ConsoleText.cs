namespace SmsVerify.Server.WebConsole;

/// <summary>
/// The console's words: English is the key, <c>ConsoleText.zh-CN.resx</c> has the Chinese. Pages inject
/// <c>IStringLocalizer&lt;ConsoleText&gt;</c> as <c>T</c>.
/// </summary>
public sealed class ConsoleText;
