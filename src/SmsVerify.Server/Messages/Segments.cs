namespace SmsVerify.Server.Messages;

/// <summary>
/// How many SMS a text takes, as carriers bill it. Chinese text travels as UCS-2: 70 characters fit one SMS,
/// 67 per part once it must be split (the user data header takes the rest).
/// </summary>
public static class Segments
{
    /// <summary>What carriers bill the text as: GSM 7-bit when every character has one (160/153), else UCS-2 (70/67).</summary>
    public static int Count(string text) => SmsVerify.Smpp.Text.SmsSplitter.CountParts(text);

    public static int CountUcs2(string text)
    {
        // UCS-2 counts UTF-16 code units: a character outside the BMP takes two.
        var units = text.Length;
        return units <= 70 ? 1 : (units + 66) / 67;
    }
}
