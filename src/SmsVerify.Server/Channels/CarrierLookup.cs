using System.Collections.Frozen;

namespace SmsVerify.Server.Channels;

/// <summary>
/// Which network a mainland number was allocated to, from its block in the MIIT allocation table (as of end-March
/// 2023; docs/channels.md names the source). Numbers have been portable between carriers since 2019-12-01, so the
/// answer is a routing hint: a ported number still reaches its phone through any carrier's SMSC, just less directly.
/// </summary>
public static class CarrierLookup
{
    private const Carrier Telecom = Carrier.ChinaTelecom;
    private const Carrier Mobile = Carrier.ChinaMobile;
    private const Carrier Unicom = Carrier.ChinaUnicom;

    // 4-digit blocks win over 3-digit ones. 170 is split among the three MVNO hosts; 171/162/165/167 are MVNO
    // blocks listed under their host carrier. 1349, 174 and 1619 are satellite blocks: no terrestrial SMSC
    // delivers to them, so they are Other even where the table lists the satellite operator under China Telecom.
    private static readonly FrozenDictionary<string, Carrier> Blocks = new Dictionary<string, Carrier>
    {
        ["133"] = Telecom,
        ["149"] = Telecom,
        ["153"] = Telecom,
        ["162"] = Telecom,
        ["173"] = Telecom,
        ["177"] = Telecom,
        ["180"] = Telecom,
        ["181"] = Telecom,
        ["189"] = Telecom,
        ["190"] = Telecom,
        ["191"] = Telecom,
        ["193"] = Telecom,
        ["199"] = Telecom,
        ["1700"] = Telecom,
        ["1701"] = Telecom,
        ["1702"] = Telecom,

        ["134"] = Mobile,
        ["135"] = Mobile,
        ["136"] = Mobile,
        ["137"] = Mobile,
        ["138"] = Mobile,
        ["139"] = Mobile,
        ["147"] = Mobile,
        ["148"] = Mobile,
        ["150"] = Mobile,
        ["151"] = Mobile,
        ["152"] = Mobile,
        ["157"] = Mobile,
        ["158"] = Mobile,
        ["159"] = Mobile,
        ["165"] = Mobile,
        ["172"] = Mobile,
        ["178"] = Mobile,
        ["182"] = Mobile,
        ["183"] = Mobile,
        ["184"] = Mobile,
        ["187"] = Mobile,
        ["188"] = Mobile,
        ["195"] = Mobile,
        ["197"] = Mobile,
        ["198"] = Mobile,
        ["1703"] = Mobile,
        ["1705"] = Mobile,
        ["1706"] = Mobile,

        ["130"] = Unicom,
        ["131"] = Unicom,
        ["132"] = Unicom,
        ["145"] = Unicom,
        ["146"] = Unicom,
        ["155"] = Unicom,
        ["156"] = Unicom,
        ["166"] = Unicom,
        ["167"] = Unicom,
        ["171"] = Unicom,
        ["175"] = Unicom,
        ["176"] = Unicom,
        ["185"] = Unicom,
        ["186"] = Unicom,
        ["196"] = Unicom,
        ["1704"] = Unicom,
        ["1707"] = Unicom,
        ["1708"] = Unicom,
        ["1709"] = Unicom,

        ["192"] = Carrier.ChinaBroadnet,

        ["1349"] = Carrier.Other,
        ["174"] = Carrier.Other,
        ["1619"] = Carrier.Other,
    }.ToFrozenDictionary();

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
        return lookup.TryGetValue(digits[..4], out var carrier) || lookup.TryGetValue(digits[..3], out carrier)
            ? carrier : Carrier.Other;
    }

    /// <summary>Every block in the table with its carrier, for documentation and tests.</summary>
    public static IReadOnlyDictionary<string, Carrier> Table => Blocks;
}
