using System.Collections.Frozen;

namespace SmsVerify.Server.Channels;

/// <summary>
/// Which network a mainland number was allocated to, from its block in the MIIT allocation table (as of end-March
/// 2023; docs/channels.md names the source). Numbers have been portable between carriers since 2019-12-01, so the
/// answer is a routing hint: a ported number still reaches its phone through any carrier's SMSC, just less directly.
/// </summary>
public static class CarrierLookup
{
    // Longer blocks win over shorter ones. 170 is split among the three MVNO hosts; 171/162/165/167 are MVNO
    // blocks listed under their host carrier. 1349, 174 and 1619 are satellite blocks: the parts the table allocates
    // to China Telecom (13492/3/9 and 17400–17405, Tiantong satellite phones, whose SMS China Telecom carries) are
    // China Telecom; the rest of 1349 and 174, and China Satellite Network's 1619, have no SMSC here and are Other.
    private static readonly (Carrier Carrier, string Blocks)[] Allocation =
    [
        (Carrier.ChinaTelecom, "133 149 153 162 173 177 180 181 189 190 191 193 199 1700 1701 1702 13492 13493 13499 17400 17401 17402 17403 17404 17405"),
        (Carrier.ChinaMobile, "134 135 136 137 138 139 147 148 150 151 152 157 158 159 165 172 178 182 183 184 187 188 195 197 198 1703 1705 1706"),
        (Carrier.ChinaUnicom, "130 131 132 145 146 155 156 166 167 171 175 176 185 186 196 1704 1707 1708 1709"),
        (Carrier.ChinaBroadnet, "192"),
        (Carrier.Other, "1349 174 1619"),
    ];

    private static readonly FrozenDictionary<string, Carrier> Blocks = Allocation
        .SelectMany(a => a.Blocks.Split(' ').Select(block => KeyValuePair.Create(block, a.Carrier)))
        .ToFrozenDictionary();

    /// <summary>
    /// The carrier of <paramref name="e164"/> (<c>+8613812345678</c>; <c>86…</c> and 11-digit national numbers are
    /// read too). Anything not a mainland mobile number in an allocated block is <see cref="Carrier.Other"/>.
    /// </summary>
    public static Carrier Of(string e164)
    {
        var digits = e164.AsSpan().TrimStart('+');
        if (digits.Length == 13 && digits.StartsWith("86"))
        {
            digits = digits[2..];
        }
        if (digits.Length != 11 || digits[0] != '1' || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return Carrier.Other;
        }
        var lookup = Blocks.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.TryGetValue(digits[..5], out var carrier) || lookup.TryGetValue(digits[..4], out carrier) || lookup.TryGetValue(digits[..3], out carrier)
            ? carrier : Carrier.Other;
    }

    /// <summary>Every block in the table with its carrier, for documentation and tests.</summary>
    public static IReadOnlyDictionary<string, Carrier> Table => Blocks;
}
