using SmsVerify.Smpp.Codec;

namespace SmsVerify.Smpp.Pdus;

/// <summary>submit_sm_resp, SMPP v3.4 §4.4.2: the SMSC's message_id (at most 65 octets, §5.2.23).</summary>
public sealed class SubmitSmResp : ResponsePdu
{
    public string MessageId { get; set; } = "";

    public override uint CommandId => Codec.CommandId.SubmitSmResp;

    protected override int GetOkBodyLength() => PduWriter.CStringSize(MessageId, 65, "message_id");
    protected override void WriteOkBody(ref PduWriter writer) => writer.WriteCString(MessageId);

    /// <summary>
    /// Set when the SMSC answered the submit with generic_nack (§4.3) rather than submit_sm_resp: it could not read
    /// what was sent, which says more about the link or the SMSC than about the message.
    /// </summary>
    public bool GenericNack { get; init; }

    // Some SMSCs send a message_id even with an error status; read it when it is there. An id longer than §5.2.23
    // allows, or missing its NUL, is still the SMSC's answer that it took the message: it is read whole, never refused.
    internal static SubmitSmResp Read(ref PduReader reader) => new()
    {
        MessageId = reader.Remaining > 0 ? reader.ReadCStringToEnd() : "",
    };
}
