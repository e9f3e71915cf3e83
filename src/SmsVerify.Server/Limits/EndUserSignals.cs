using System.Net;
using System.Net.Sockets;
using PhoneNumbers;

namespace SmsVerify.Server.Limits;

/// <summary>The values the risk signals count by: the end user's network and the recipient's number block.</summary>
public static class EndUserSignals
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// An IPv4 address as is; an IPv6 address as its /64, because one subscriber holds a whole /64 and could
    /// otherwise take a new address for every request.
    /// </summary>
    public static bool TryNetwork(string? input, out string network)
    {
        network = "";
        input = input?.Trim();
        // IPAddress also takes the old shorthand forms ("10.1" is 10.0.0.1), which no client sends meaning that.
        if (string.IsNullOrEmpty(input) || input.Length > 64 || (!input.Contains(':') && input.Count(c => c == '.') != 3)
            || !IPAddress.TryParse(input, out var address))
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            network = new IPAddress(bytes) + "/64";
            return true;
        }
        network = address.ToString();
        return true;
    }

    /// <summary>
    /// The country code and the first 7 digits of the national number of an E.164 number (<c>86:1381234</c>): in
    /// China the carrier's segment and the area's block, the unit that pumping walks through.
    /// </summary>
    public static string NumberBlock(string e164)
    {
        // The common case without a parse: a Chinese mobile number is +86 and 11 digits.
        if (e164.StartsWith("+86", StringComparison.Ordinal) && e164.Length == 14)
        {
            return string.Concat("86:", e164.AsSpan(3, 7));
        }
        var number = Phones.Parse(e164, null);
        var national = Phones.GetNationalSignificantNumber(number);
        return $"{number.CountryCode}:{national[..Math.Min(7, national.Length)]}";
    }
}
