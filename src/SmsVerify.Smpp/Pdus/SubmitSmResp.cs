using SmsVerify.Smpp.Codec;
using Status = SmsVerify.Smpp.Codec.CommandStatus;

namespace SmsVerify.Smpp.Pdus;

/// <summary>submit_sm_resp, SMPP v3.4 §4.4.2: the SMSC's message_id (at most 65 octets, §5.2.23).</summary>
public sealed class SubmitSmResp : ResponsePdu
{
    public string MessageId { get; set; } = "";

    public override uint CommandId => Codec.CommandId.SubmitSmResp;

    protected override int GetOkBodyLength() => PduWriter.CStringSize(MessageId, 65, "message_id");
    protected override void WriteOkBody(ref PduWriter writer) => writer.WriteCString(MessageId);

    // Some SMSCs send a message_id even with an error status; read it when it is there.
    internal static SubmitSmResp Read(ref PduReader reader) => new()
    {
        MessageId = reader.Remaining > 0 ? reader.ReadCString(65, Status.InvalidMessageId) : "",
    };
}
