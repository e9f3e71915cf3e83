using SmsVerify.Server.Messages;
using SmsVerify.Server.Sandbox;

namespace SmsVerify.Server.Tests.Messages;

public class SegmentsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    [InlineData(201, 3)]
    [InlineData(202, 4)]
    public void CountUcs2_TextOfLength_IsBilledAsParts(int length, int parts)
    {
        Assert.Equal(parts, Segments.CountUcs2(new string('码', length)));
    }

    [Fact]
    public void CountUcs2_CharacterOutsideBmp_TakesTwoUnits()
    {
        // 69 Chinese characters and one emoji: 71 UTF-16 code units, so two parts.
        var text = new string('码', 69) + "😀";

        Assert.Equal(2, Segments.CountUcs2(text));
    }

    [Fact]
    public void CountUcs2_SandboxMessage_FitsOneSms()
    {
        var text = SandboxTemplate.Render("062071", TimeSpan.FromMinutes(5));

        Assert.Equal(1, Segments.CountUcs2(text));
    }
}
