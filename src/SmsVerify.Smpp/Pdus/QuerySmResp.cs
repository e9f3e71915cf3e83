using SmsVerify.Smpp.Codec;
using Status = SmsVerify.Smpp.Codec.CommandStatus;

namespace SmsVerify.Smpp.Pdus;

/// <summary>query_sm_resp, SMPP v3.4 §4.8.2: message_id, final_date, message_state (§5.2.28) and error_code.</summary>
public sealed class QuerySmResp : ResponsePdu
{
    public string MessageId { get; set; } = "";
    public string FinalDate { get; set; } = "";
    public MessageState MessageState { get; set; } = MessageState.Enroute;
    public byte ErrorCode { get; set; }

    public override uint CommandId => Codec.CommandId.QuerySmResp;

    protected override int GetOkBodyLength() =>
        PduWriter.CStringSize(MessageId, 65, "message_id") + PduWriter.CStringSize(FinalDate, 17, "final_date") + 2;

    protected override void WriteOkBody(ref PduWriter writer)
    {
        writer.WriteCString(MessageId);
        writer.WriteCString(FinalDate);
        writer.WriteByte((byte)MessageState);
        writer.WriteByte(ErrorCode);
    }

    internal static QuerySmResp Read(ref PduReader reader)
    {
        var pdu = new QuerySmResp();
        if (reader.Remaining > 0)
        {
            pdu.MessageId = reader.ReadCString(65, Status.InvalidMessageId);
            pdu.FinalDate = reader.ReadCString(17, Status.InvalidCommandLength);
            pdu.MessageState = (MessageState)reader.ReadByte();
            pdu.ErrorCode = reader.ReadByte();
        }
        return pdu;
    }
}
