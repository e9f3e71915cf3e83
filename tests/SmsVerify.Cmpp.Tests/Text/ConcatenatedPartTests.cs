using SmsVerify.Cmpp.Text;

namespace SmsVerify.Cmpp.Tests.Text;

/// <summary>The concatenation IE of a long MO's user data header, 8- and 16-bit references (TS 23.040 §9.2.3.24).</summary>
public class ConcatenatedPartTests
{
    [Theory]
    [InlineData("050003390201", 0x39, 2, 1)]            // IE 0x00: 8-bit reference
    [InlineData("06080412340302", 0x1234, 3, 2)]        // IE 0x08: 16-bit reference
    [InlineData("090A02AABB0003070303", 7, 3, 3)]       // another IE first, skipped
    public void TryRead_FindsTheConcatenationIe(string udhAndText, int reference, int total, int sequence)
    {
        Assert.True(ConcatenatedPart.TryRead(Convert.FromHexString(udhAndText + "4E2D"), out var part));
        Assert.Equal(new ConcatenatedPart(reference, total, sequence), part);
    }

    [Theory]
    [InlineData("")]
    [InlineData("05000339")]           // header longer than the content
    [InlineData("0500033902034E2D")]   // part 3 of 2
    [InlineData("0500033902004E2D")]   // part 0
    [InlineData("03AA01FF4E2D")]       // no concatenation IE
    public void TryRead_RefusesWhatIsNotAWellFormedPart(string hex) =>
        Assert.False(ConcatenatedPart.TryRead(Convert.FromHexString(hex), out _));

    [Fact]
    public void Split_WritesWhatTryReadReads()
    {
        var parts = CmppSplitter.Split(new string('验', 150), reference: 0x5A);
        Assert.All(parts, p =>
        {
            Assert.True(ConcatenatedPart.TryRead(p.Content, out var read));
            Assert.Equal(new ConcatenatedPart(0x5A, p.PkTotal, p.PkNumber), read);
        });
    }
}
