namespace SmsVerify.Server.Risk.Pumping;

/// <summary>
/// The range of numbers a pumping attack works through. A Chinese mobile number's block is the first 7 digits of
/// its national number (+86 138 0013 8000 → <c>1380013</c>: network and HLR segment, the ranges operators lease
/// out). Any other number's block is its E.164 form without the last 4 digits (+44 7700 900123 →
/// <c>+447700900</c>): the same "all but the subscriber's last four" that 7 of 11 digits are in China, kept with
/// its <c>+</c> and country code so it can never collide with a Chinese block.
/// </summary>
public static class NumberBlock
{
    public const int MaxLength = 16;

    private const string ChinaPrefix = "+86";

    /// <summary>The block of an E.164 number, without allocating: a slice of the number.</summary>
    public static ReadOnlySpan<char> Of(ReadOnlySpan<char> e164) =>
        e164.StartsWith(ChinaPrefix, StringComparison.Ordinal) && e164.Length >= ChinaPrefix.Length + 7 ? e164.Slice(ChinaPrefix.Length, 7)
            : e164.Length > 5 ? e164[..^4]
            : e164;

    /// <summary>What every number of <paramref name="block"/> starts with, in E.164.</summary>
    public static string NumberPrefix(string block) => block.StartsWith('+') ? block : ChinaPrefix + block;
}
