using SmsVerify.Server.Channels;

namespace SmsVerify.Server.Tests.Channels;

/// <summary>
/// Every block of the MIIT table (china-sms-rules.md §3.4), written out here from the table rather than read
/// from the code, so a slip in either shows.
/// </summary>
public sealed class CarrierLookupTests
{
    private static readonly Dictionary<Carrier, string[]> Table = new()
    {
        [Carrier.ChinaTelecom] =
        [
            "133", "149", "153", "162", "1700", "1701", "1702", "173", "177", "180", "181", "189", "190", "191", "193", "199",
            "13492", "13493", "13499", "17400", "17401", "17402", "17403", "17404", "17405",
        ],
        [Carrier.ChinaMobile] =
        [
            "1340", "1341", "1342", "1343", "1344", "1345", "1346", "1347", "1348", "135", "136", "137", "138", "139", "147",
            "148", "150", "151", "152", "157", "158", "159", "165", "1703", "1705", "1706", "172", "178", "182", "183", "184",
            "187", "188", "195", "197", "198",
        ],
        [Carrier.ChinaUnicom] =
        [
            "130", "131", "132", "145", "146", "155", "156", "166", "167", "1704", "1707", "1708", "1709", "171", "175", "176",
            "185", "186", "196",
        ],
        [Carrier.ChinaBroadnet] = ["192"],
        // The satellite blocks' other parts (1349x, 1740(6–9), 1741, 1749), 1619, and blocks not allocated to a public
        // mobile network. The filler digit 7 puts 1349 and 1740 in their unallocated-to-Telecom parts.
        [Carrier.Other] = ["1349", "1740", "1741", "1749", "1619", "154", "160", "164", "168", "169", "179", "194"],
    };

    public static TheoryData<string, Carrier> Blocks()
    {
        var data = new TheoryData<string, Carrier>();
        foreach (var (carrier, blocks) in Table)
        {
            foreach (var block in blocks)
            {
                data.Add(block, carrier);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void NumberInBlock_MapsToItsCarrier(string block, Carrier carrier)
    {
        var national = block + new string('7', 11 - block.Length);
        Assert.Equal(carrier, CarrierLookup.Of("+86" + national));
        Assert.Equal(carrier, CarrierLookup.Of("86" + national));
        Assert.Equal(carrier, CarrierLookup.Of(national));
    }

    [Fact]
    public void EveryBlockInTheCode_IsInTheTableHere()
    {
        var here = Table.SelectMany(e => e.Value.Select(block => (block, e.Key))).ToHashSet();
        foreach (var (block, carrier) in CarrierLookup.Table)
        {
            // The code lists 134 and 174 whole, with 1349 overriding 134; the table here names their 4-digit blocks.
            var probe = block is "134" or "174" ? block + "0" : block;
            Assert.Contains((probe, carrier), here);
        }
    }

    [Theory]
    [InlineData("+14155550123")]
    [InlineData("+861381234567")]
    [InlineData("+8602012345678")]
    [InlineData("+86138123456x8")]
    [InlineData("")]
    public void NotAMainlandMobileNumber_IsOther(string number) => Assert.Equal(Carrier.Other, CarrierLookup.Of(number));
}
