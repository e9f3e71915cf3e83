using System.Text;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Receipts;

namespace SmsVerify.Smpp.Tests.Receipts;

public class DeliveryReceiptFormatTests
{
    private static readonly DateTime Submitted = new(2026, 11, 23, 12, 0, 0);
    private static readonly DateTime Done = new(2026, 11, 23, 12, 1, 0);

    [Fact]
    public void ToDeliverSm_Delivered_WritesAppendixBTextAndTlvs_FromThePhoneToTheSender()
    {
        var pdu = DeliveryReceipt.Final("0a1b", MessageState.Delivered, Submitted, Done, text: "Your code is 123456, valid 5 min")
            .ToDeliverSm(phone: "8613812345678", sender: "10690012");
        Assert.Equal(("8613812345678", "10690012", DeliverSm.EsmClassDeliveryReceipt), (pdu.SourceAddr, pdu.DestinationAddr, pdu.EsmClass));
        Assert.True(pdu.IsDeliveryReceipt);
        Assert.Equal(
            "id:0a1b sub:001 dlvrd:001 submit date:2611231200 done date:2611231201 stat:DELIVRD err:000 text:Your code is 123456,",
            Encoding.ASCII.GetString(pdu.ShortMessage.Span));
        Assert.Equal(("0a1b", MessageState.Delivered), (pdu.Tlvs?.ReceiptedMessageId, pdu.Tlvs?.MessageState));
    }

    [Theory]
    [InlineData(MessageState.Delivered, "DELIVRD")]
    [InlineData(MessageState.Expired, "EXPIRED")]
    [InlineData(MessageState.Undeliverable, "UNDELIV")]
    [InlineData(MessageState.Rejected, "REJECTD")]
    [InlineData(MessageState.Deleted, "DELETED")]
    public void ToDeliverSm_EveryFinalState_ReadsBackTheSame_AfterTheWire(MessageState state, string stat)
    {
        var sent = DeliveryReceipt.Final("msg-1", state, Submitted, Done, errorCode: 12, text: "hi").ToDeliverSm("861", "SmsVerify");
        var received = (DeliverSm)PduDecoder.Decode(sent.ToArray());
        Assert.Contains($"stat:{stat} ", Encoding.ASCII.GetString(received.ShortMessage.Span), StringComparison.Ordinal);
        Assert.True(DeliveryReceipt.TryParse(received, out var receipt));
        Assert.Equal(("msg-1", state, "012", 1, state == MessageState.Delivered ? 1 : 0), (receipt.MessageId, receipt.State, receipt.ErrorCode, receipt.Submitted, receipt.Delivered));
        Assert.Equal((Submitted, Done, "hi"), (receipt.SubmitDate, receipt.DoneDate, receipt.Text));
    }

    [Fact]
    public void FormatText_TextOutsideAscii_IsWrittenAsQuestionMarks()
    {
        var text = DeliveryReceipt.Final("1", MessageState.Delivered, Submitted, Done, text: "验证码 1234").FormatText();
        Assert.EndsWith("text:??? 1234", text, StringComparison.Ordinal);
    }
}
