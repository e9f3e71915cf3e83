namespace SmsVerify.Server.Messages;

/// <summary>
/// How many SMS a text takes, as carriers bill it. Chinese text travels as UCS-2: 70 characters fit one SMS,
/// 67 per part once it must be split (the user data header takes the rest).
/// </summary>
public static class Segments
{
    public static int CountUcs2(string text)
    {
        // UCS-2 counts UTF-16 code units: a character outside the BMP takes two.
        var units = text.Length;
        return units <= 70 ? 1 : (units + 66) / 67;
    }
}
