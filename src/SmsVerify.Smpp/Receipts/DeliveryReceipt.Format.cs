using System.Globalization;
using System.Text;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Receipts;

public sealed partial record DeliveryReceipt
{
    /// <summary>
    /// The receipt an SMSC sends for a final outcome of message <paramref name="messageId"/>; turn it into a PDU with
    /// <see cref="ToDeliverSm"/>. <paramref name="text"/> is the original message, of which the first 20 characters
    /// go in the receipt (Appendix B).
    /// </summary>
    public static DeliveryReceipt Final(string messageId, MessageState state, DateTime submitDate, DateTime doneDate,
        int errorCode = 0, string? text = null) =>
        new(messageId, state, errorCode.ToString("000", CultureInfo.InvariantCulture), 1,
            state == MessageState.Delivered ? 1 : 0, submitDate, doneDate, text, null);

    /// <summary>
    /// The deliver_sm carrying this receipt (SMPP v3.4 §4.6.1 with esm_class 0x04, §5.2.12): the Appendix B text,
    /// and the receipted_message_id (§5.3.2.12) and message_state (§5.3.2.35) TLVs that ESMEs read first. It goes back
    /// the way the message came: from <paramref name="phone"/> (the message's destination) to
    /// <paramref name="sender"/> (its source); set the TON/NPI on the result if they matter.
    /// </summary>
    public DeliverSm ToDeliverSm(string phone, string sender) => new()
    {
        SourceAddr = phone,
        DestinationAddr = sender,
        EsmClass = DeliverSm.EsmClassDeliveryReceipt,
        ShortMessage = Encoding.ASCII.GetBytes(FormatText()),
        Tlvs = new OptionalParameters { ReceiptedMessageId = MessageId, MessageState = State },
    };

    /// <summary>
    /// <c>id:… sub:001 dlvrd:001 submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DELIVRD err:000 text:…</c>. Sent in
    /// data_coding 0, where ESMEs read receipts as ASCII: a character outside printable ASCII becomes '?'.
    /// </summary>
    public string FormatText()
    {
        var snippet = (Text ?? "")[..Math.Min(20, Text?.Length ?? 0)];
        var printable = string.Create(snippet.Length, snippet, static (chars, source) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = source[i] is >= ' ' and <= '~' ? source[i] : '?';
            }
        });
        return string.Create(CultureInfo.InvariantCulture,
            $"id:{MessageId} sub:{Submitted ?? 1:000} dlvrd:{Delivered ?? 0:000} submit date:{Date(SubmitDate)} done date:{Date(DoneDate)} stat:{Stat(State)} err:{Error(ErrorCode)} text:{printable}");
    }

    private static string Date(DateTime? date) => date?.ToString("yyMMddHHmm", CultureInfo.InvariantCulture) ?? "";

    /// <summary>err: is three digits in Appendix B; a longer code is written whole rather than cut into another one.</summary>
    private static string Error(string? code) => (code ?? "").PadLeft(3, '0');

    /// <summary>The 7-character stat values of Appendix B.</summary>
    public static string Stat(MessageState state) => state switch
    {
        MessageState.Delivered => "DELIVRD",
        MessageState.Expired => "EXPIRED",
        MessageState.Deleted => "DELETED",
        MessageState.Undeliverable => "UNDELIV",
        MessageState.Accepted => "ACCEPTD",
        MessageState.Rejected => "REJECTD",
        MessageState.Enroute => "ENROUTE",
        _ => "UNKNOWN",
    };
}
