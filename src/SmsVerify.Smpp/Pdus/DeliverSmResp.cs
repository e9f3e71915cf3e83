using SmsVerify.Smpp.Codec;
using Status = SmsVerify.Smpp.Codec.CommandStatus;

namespace SmsVerify.Smpp.Pdus;

/// <summary>deliver_sm_resp, SMPP v3.4 §4.6.2: message_id is unused and set to NULL.</summary>
public sealed class DeliverSmResp : ResponsePdu
{
    public string MessageId { get; set; } = "";

    public override uint CommandId => Codec.CommandId.DeliverSmResp;

    protected override int GetOkBodyLength() => PduWriter.CStringSize(MessageId, 65, "message_id");
    protected override void WriteOkBody(ref PduWriter writer) => writer.WriteCString(MessageId);

    internal static DeliverSmResp Read(ref PduReader reader) => new()
    {
        MessageId = reader.Remaining > 0 ? reader.ReadCString(65, Status.InvalidMessageId) : "",
    };
}
