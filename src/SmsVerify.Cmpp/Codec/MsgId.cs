using System.Globalization;

namespace SmsVerify.Cmpp.Codec;

/// <summary>
/// The gateway's 64-bit Msg_Id, CMPP 2.0/3.0 §7.4.3.1: from the top, month 4 bits, day 5, hour 5, minute 6,
/// second 6, gateway code 22, sequence 16. <see cref="ToString"/> gives the usual 22-digit form
/// (MMDDHHMMSS, gateway code in 7 digits, sequence in 5) that reports and logs quote.
/// </summary>
public readonly record struct MsgId(ulong Value)
{
    public int Month => (int)(Value >> 60) & 0xF;
    public int Day => (int)(Value >> 55) & 0x1F;
    public int Hour => (int)(Value >> 50) & 0x1F;
    public int Minute => (int)(Value >> 44) & 0x3F;
    public int Second => (int)(Value >> 38) & 0x3F;
    public int GatewayCode => (int)(Value >> 16) & 0x3FFFFF;
    public int Sequence => (int)(Value & 0xFFFF);

    public static MsgId Create(DateTime time, int gatewayCode, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)gatewayCode, 0x3FFFFFu, nameof(gatewayCode));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)sequence, 0xFFFFu, nameof(sequence));
        return Compose(time.Month, time.Day, time.Hour, time.Minute, time.Second, gatewayCode, sequence);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Month:00}{Day:00}{Hour:00}{Minute:00}{Second:00}{GatewayCode:0000000}{Sequence:00000}");

    /// <summary>Reads the 22-digit form back; false for anything else (wrong length, a field out of range).</summary>
    public static bool TryParse(string? text, out MsgId id)
    {
        id = default;
        if (text is not { Length: 22 } || !text.All(char.IsAsciiDigit))
        {
            return false;
        }
        int Field(int start, int length) => int.Parse(text.AsSpan(start, length), CultureInfo.InvariantCulture);
        int month = Field(0, 2), day = Field(2, 2), hour = Field(4, 2), minute = Field(6, 2), second = Field(8, 2);
        int gateway = Field(10, 7), sequence = Field(17, 5);
        if (month > 15 || day > 31 || hour > 31 || minute > 63 || second > 63 || gateway > 0x3FFFFF || sequence > 0xFFFF)
        {
            return false;
        }
        id = Compose(month, day, hour, minute, second, gateway, sequence);
        return true;
    }

    private static MsgId Compose(int month, int day, int hour, int minute, int second, int gateway, int sequence) =>
        new(((ulong)(uint)month << 60) | ((ulong)(uint)day << 55) | ((ulong)(uint)hour << 50) | ((ulong)(uint)minute << 44)
            | ((ulong)(uint)second << 38) | ((ulong)(uint)gateway << 16) | (uint)sequence);
}
