namespace SmsVerify.Cmpp.Tests.Support;

/// <summary>Hex written field by field in the tests, and runs of padding zeros.</summary>
internal static class Octets
{
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    /// <summary><paramref name="count"/> zero octets, as hex: the padding of a fixed-width Octet String.</summary>
    public static string Zeros(int count) => string.Concat(Enumerable.Repeat("00", count));
}
