using System.Text;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Text;

namespace SmsVerify.Smpp.Tests.Text;

public class ShortMessageTextTests
{
    private static DeliverSm Pdu(byte dataCoding, byte[] octets, byte esmClass = 0, OptionalParameters? tlvs = null) =>
        new() { DataCoding = dataCoding, ShortMessage = octets, EsmClass = esmClass, Tlvs = tlvs };

    [Theory]
    [InlineData(0x00)]
    [InlineData(0xF0)]
    [InlineData(0xF3)]
    public void Read_GsmDefaultAlphabet_DecodesUnpackedSeptets(byte dataCoding)
    {
        // '@' is septet 0x00 and '€' the escape 0x1B 0x65 (GSM 03.38).
        var read = ShortMessageText.Read(Pdu(dataCoding, [0x00, 0x48, 0x69, 0x1B, 0x65]));
        Assert.Equal(new MessageText("@Hi€", null), read);
    }

    [Fact]
    public void Read_Ia5Latin1AndUcs2_DecodeByDataCoding()
    {
        Assert.Equal("code 1234", ShortMessageText.Read(Pdu(0x01, Encoding.ASCII.GetBytes("code 1234")))?.Text);
        Assert.Equal("café", ShortMessageText.Read(Pdu(0x03, Encoding.Latin1.GetBytes("café")))?.Text);
        Assert.Equal("验证码", ShortMessageText.Read(Pdu(DataCoding.Ucs2, Ucs2.Encode("验证码")))?.Text);
    }

    [Theory]
    [InlineData(0x02)]
    [InlineData(0x04)]
    [InlineData(0xF4)]
    [InlineData(0x05)]
    public void Read_BinaryOrUnsupportedCoding_IsNull(byte dataCoding) =>
        Assert.Null(ShortMessageText.Read(Pdu(dataCoding, [0x41, 0x42])));

    [Fact]
    public void Read_Ucs2WithAnOddLength_IsNull() => Assert.Null(ShortMessageText.Read(Pdu(DataCoding.Ucs2, [0x4E, 0x2D, 0x00])));

    [Fact]
    public void Read_UdhLongerThanThePayload_IsNull() =>
        Assert.Null(ShortMessageText.Read(Pdu(0x00, [0x05, 0x00, 0x03, 0x01], esmClass: SmsSegment.EsmClassUdhIndicator)));

    [Fact]
    public void Read_UdhWith8BitReference_GivesThePartAndTheTextAfterIt()
    {
        byte[] octets = [0x05, 0x00, 0x03, 0x2A, 0x02, 0x01, .. Ucs2.Encode("第一")];
        var read = ShortMessageText.Read(Pdu(DataCoding.Ucs2, octets, esmClass: 0x40));
        Assert.Equal(new MessageText("第一", new MessagePart(0x2A, 2, 1)), read);
    }

    [Fact]
    public void Read_UdhWith16BitReferenceAfterAnotherElement_GivesThePart()
    {
        // A port-addressing element (0x05) first, then concatenation with a 16-bit reference (0x08).
        byte[] octets = [0x0C, 0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0, 0x08, 0x04, 0x01, 0x02, 0x03, 0x03, 0x65, 0x6E, 0x64];
        var read = ShortMessageText.Read(Pdu(0x00, octets, esmClass: 0x40));
        Assert.Equal(new MessageText("end", new MessagePart(0x0102, 3, 3)), read);
    }

    [Fact]
    public void Read_SarTlvs_GiveThePart_AndAPartOutOfRangeIsAWholeMessage()
    {
        var sar = ShortMessageText.Read(Pdu(0x00, "middle"u8.ToArray(), tlvs: new() { SarMsgRefNum = 7, SarTotalSegments = 2, SarSegmentSeqnum = 2 }));
        Assert.Equal(new MessagePart(7, 2, 2), sar?.Part);
        var outOfRange = ShortMessageText.Read(Pdu(0x00, "x"u8.ToArray(), tlvs: new() { SarMsgRefNum = 7, SarTotalSegments = 2, SarSegmentSeqnum = 3 }));
        Assert.Equal(new MessageText("x", null), outOfRange);
    }

    [Fact]
    public void Read_MessagePayload_IsReadWhenShortMessageIsEmpty()
    {
        var submit = new SubmitSm { DataCoding = DataCoding.Ucs2, Tlvs = new() { MessagePayload = Ucs2.Encode("长消息") } };
        Assert.Equal("长消息", ShortMessageText.Read(submit)?.Text);
        var data = new DataSm { DataCoding = 0x01, Tlvs = new() { MessagePayload = "via data_sm"u8.ToArray() } };
        Assert.Equal("via data_sm", ShortMessageText.Read(data)?.Text);
        Assert.Equal("", ShortMessageText.Read(new DataSm())?.Text);
    }
}
