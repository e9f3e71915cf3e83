using SmsVerify.Smpp.Text;

namespace SmsVerify.Server.Messages;

/// <summary>
/// How many SMS a text takes, as carriers bill it and as the channels split it: GSM 7-bit when every character has
/// a code there (160, or 153 per part), otherwise UCS-2, as Chinese text always is (70, or 67 per part).
/// </summary>
public static class Segments
{
    public static int Count(string text) => SmsSplitter.CountParts(text);
}
