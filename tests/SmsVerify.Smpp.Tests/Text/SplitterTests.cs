using System.Text;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Text;

namespace SmsVerify.Smpp.Tests.Text;

/// <summary>Part counts at the billing boundaries, and parts that reassemble to the original text.</summary>
public class SplitterTests
{
    private const string ChineseLong = "您的验证码是 123456，5 分钟内有效。请勿泄露给他人。如非本人操作，请忽略本短信。感谢您使用我们的服务，祝您生活愉快！这是一条用于测试长短信拆分与重组的中文消息，包含表情😀和🎉。";

    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(153 * 2, 2)]
    [InlineData((153 * 2) + 1, 3)]
    [InlineData(153 * 3, 3)]
    public void Gsm_CountsAtBoundaries(int length, int parts)
    {
        var text = new string('a', length);
        Assert.Equal(SmsAlphabet.Gsm7, SmsSplitter.ChooseAlphabet(text));
        Assert.Equal(parts, SmsSplitter.CountParts(text));
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(67 * 2, 2)]
    [InlineData((67 * 2) + 1, 3)]
    public void Ucs2_CountsAtBoundaries(int length, int parts)
    {
        var text = new string('验', length);
        Assert.Equal(SmsAlphabet.Ucs2, SmsSplitter.ChooseAlphabet(text));
        Assert.Equal(parts, SmsSplitter.CountParts(text));
    }

    [Fact]
    public void Gsm_ExtensionCharacters_CountTwoSeptets()
    {
        Assert.Equal(1, SmsSplitter.CountParts(new string('€', 80)));
        Assert.Equal(2, SmsSplitter.CountParts(new string('€', 80) + "a"));
        Assert.Equal(1, SmsSplitter.CountParts(new string('a', 158) + "€"));
        Assert.Equal(2, SmsSplitter.CountParts(new string('a', 159) + "€"));
    }

    [Fact]
    public void Gsm_EscapePairAtPartBoundary_MovesWholeToNextPart()
    {
        // 152 septets then '€' (2 septets) would end at 154 > 153: the pair goes whole into part two.
        var text = new string('a', 152) + "€" + new string('b', 10);
        var parts = SmsSplitter.EnumerateParts(text, SmsAlphabet.Gsm7);
        Assert.Equal(2, parts.Count);
        Assert.Equal((0, 152), parts[0]);
        Assert.Equal('€', text[parts[1].Start]);
        var segments = SmsSplitter.Split(text);
        Assert.Equal(6 + 152, segments[0].ShortMessage.Length);
        Assert.NotEqual(0x1B, segments[0].ShortMessage.Span[^1]);
        // With 153 septets of room and a 2-septet pair last: 151 + 2 = 153 fits exactly.
        Assert.Equal(2, SmsSplitter.CountParts(new string('a', 151) + "€" + new string('b', 153)));
    }

    [Fact]
    public void Ucs2_SurrogatePairs_CountTwoUnits_AndAreNeverSplit()
    {
        Assert.Equal(1, SmsSplitter.CountParts(string.Concat(Enumerable.Repeat("😀", 35))));
        Assert.Equal(2, SmsSplitter.CountParts(string.Concat(Enumerable.Repeat("😀", 35)) + "a"));
        var text = new string('验', 66) + "😀" + new string('尾', 10);
        var parts = SmsSplitter.EnumerateParts(text, SmsAlphabet.Ucs2);
        Assert.Equal((0, 66), parts[0]);
        Assert.Equal("😀" + new string('尾', 10), text.Substring(parts[1].Start, parts[1].Length));
        foreach (var segment in SmsSplitter.Split(text))
        {
            var body = segment.ShortMessage.Span[6..];
            Assert.False(char.IsHighSurrogate(Ucs2.Decode(body)[^1]));
        }
    }

    [Theory]
    [InlineData(ChineseLong, 2)]
    [InlineData(ChineseLong + ChineseLong, 3)]
    [InlineData("Your code is 123456. It expires in 5 minutes. Never share it: we will never ask for it. {ref:[A-1]} costs €0 | ^~\\ done. Your code is 123456. It expires in 5 minutes. Again.", 2)]
    public void Udh_PartsReassembleToTheOriginal(string text, int expectedParts)
    {
        var segments = SmsSplitter.Split(text, ConcatenationMode.Udh, reference: 0x1A7);
        Assert.Equal(expectedParts, segments.Count);
        var rebuilt = new StringBuilder();
        for (var i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            Assert.Equal(SmsSegment.EsmClassUdhIndicator, s.EsmClass);
            var udh = s.ShortMessage.Span[..6].ToArray();
            Assert.Equal(new byte[] { 5, 0, 3, 0xA7, (byte)segments.Count, (byte)(i + 1) }, udh);
            Assert.InRange(s.ShortMessage.Length, 7, 6 + 153);
            var body = s.ShortMessage.Span[6..];
            rebuilt.Append(s.DataCoding == DataCoding.Ucs2 ? Ucs2.Decode(body) : Gsm7.Decode(body));
        }
        Assert.Equal(text, rebuilt.ToString());
    }

    [Fact]
    public void Sar_PartsCarryTlvs_AndNoUdh()
    {
        var text = new string('x', 200);
        var segments = SmsSplitter.Split(text, ConcatenationMode.Sar, reference: 0x0203);
        Assert.Equal(2, segments.Count);
        var submit = new SubmitSm { DestinationAddr = "1" };
        segments[1].ApplyTo(submit);
        Assert.Equal(0, submit.EsmClass & 0x40);
        Assert.Equal((ushort)0x0203, submit.Tlvs!.SarMsgRefNum);
        Assert.Equal((byte)2, submit.Tlvs.SarTotalSegments);
        Assert.Equal((byte)2, submit.Tlvs.SarSegmentSeqnum);
        Assert.Equal(47, submit.ShortMessage.Length);
    }

    [Fact]
    public void SinglePart_HasNoUdh()
    {
        var segment = Assert.Single(SmsSplitter.Split("验证码 123456"));
        Assert.Equal(DataCoding.Ucs2, segment.DataCoding);
        Assert.Equal(0, segment.EsmClass);
        Assert.Equal("验证码 123456", Ucs2.Decode(segment.ShortMessage.Span));
    }
}
