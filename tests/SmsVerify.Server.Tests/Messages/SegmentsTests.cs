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
    public void Count_ChineseTextOfLength_IsBilledAsUcs2Parts(int length, int parts)
    {
        Assert.Equal(parts, Segments.Count(new string('码', length)));
    }

    [Fact]
    public void Count_CharacterOutsideBmp_TakesTwoUnits()
    {
        // 69 Chinese characters and one emoji: 71 UTF-16 code units, so two parts.
        var text = new string('码', 69) + "😀";

        Assert.Equal(2, Segments.Count(text));
    }

    [Fact]
    public void Count_SandboxMessage_FitsOneSms()
    {
        var text = SandboxTemplate.Render("062071", TimeSpan.FromMinutes(5));

        Assert.Equal(1, Segments.Count(text));
    }

    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Count_GsmText_IsBilledAsSevenBitParts(int length, int parts)
    {
        Assert.Equal(parts, Segments.Count(new string('a', length)));
    }
}
