using System.Text;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Receipts;

namespace SmsVerify.Smpp.Tests.Receipts;

public class DeliveryReceiptTests
{
    [Fact]
    public void AppendixBText_IsParsed()
    {
        Assert.True(DeliveryReceipt.TryParse(
            "id:0123456789 sub:001 dlvrd:001 submit date:2611231200 done date:2611231201 stat:DELIVRD err:000 text:Your code is 1234",
            out var receipt));
        Assert.Equal("0123456789", receipt.MessageId);
        Assert.Equal(MessageState.Delivered, receipt.State);
        Assert.Equal("000", receipt.ErrorCode);
        Assert.Equal(1, receipt.Submitted);
        Assert.Equal(1, receipt.Delivered);
        Assert.Equal(new DateTime(2026, 11, 23, 12, 0, 0), receipt.SubmitDate);
        Assert.Equal(new DateTime(2026, 11, 23, 12, 1, 0), receipt.DoneDate);
        Assert.Equal("Your code is 1234", receipt.Text);
    }

    [Theory]
    [InlineData("ID:abc STAT:undeliv ERR:012", "abc", MessageState.Undeliverable, "012")]
    [InlineData("id:abc stat:EXPIRED", "abc", MessageState.Expired, null)]
    [InlineData("id:abc stat:DELETED", "abc", MessageState.Deleted, null)]
    [InlineData("id:abc stat:ACCEPTD", "abc", MessageState.Accepted, null)]
    [InlineData("id:abc stat:REJECTD", "abc", MessageState.Rejected, null)]
    [InlineData("id:abc stat:ENROUTE", "abc", MessageState.Enroute, null)]
    [InlineData("id:abc stat:UNKNOWN", "abc", MessageState.Unknown, null)]
    [InlineData("id:abc", "abc", MessageState.Unknown, null)]
    public void Tolerant_OfCaseAndMissingFields(string text, string id, MessageState state, string? err)
    {
        Assert.True(DeliveryReceipt.TryParse(text, out var receipt));
        Assert.Equal((id, state, err), (receipt.MessageId, receipt.State, receipt.ErrorCode));
    }

    [Fact]
    public void TwelveDigitDates_WithSeconds_AreRead()
    {
        Assert.True(DeliveryReceipt.TryParse("id:1 submit date:261123120005 done date:261123120109 stat:DELIVRD", out var receipt));
        Assert.Equal(new DateTime(2026, 11, 23, 12, 0, 5), receipt.SubmitDate);
        Assert.Equal(new DateTime(2026, 11, 23, 12, 1, 9), receipt.DoneDate);
    }

    [Fact]
    public void TextWithoutId_IsNotAReceipt()
    {
        Assert.False(DeliveryReceipt.TryParse("hello there", out _));
    }

    [Fact]
    public void Tlvs_WinOverText()
    {
        var pdu = new DeliverSm
        {
            EsmClass = DeliverSm.EsmClassDeliveryReceipt,
            ShortMessage = Encoding.ASCII.GetBytes("id:fromtext stat:UNDELIV err:001"),
            Tlvs = new() { ReceiptedMessageId = "fromtlv", MessageState = MessageState.Delivered, NetworkErrorCode = new(3, 7) },
        };
        Assert.True(DeliveryReceipt.TryParse(pdu, out var receipt));
        Assert.Equal("fromtlv", receipt.MessageId);
        Assert.Equal(MessageState.Delivered, receipt.State);
        Assert.Equal("001", receipt.ErrorCode);
        Assert.Equal(new NetworkErrorCode(3, 7), receipt.NetworkError);
    }

    [Fact]
    public void TlvsAlone_AreEnough()
    {
        var pdu = new DeliverSm { EsmClass = 4, Tlvs = new() { ReceiptedMessageId = "x1", MessageState = MessageState.Expired } };
        Assert.True(DeliveryReceipt.TryParse(pdu, out var receipt));
        Assert.Equal(("x1", MessageState.Expired), (receipt.MessageId, receipt.State));
    }
}
