using SmsVerify.Smpp.Codec;
using Status = SmsVerify.Smpp.Codec.CommandStatus;

namespace SmsVerify.Smpp.Pdus;

/// <summary>data_sm_resp, SMPP v3.4 §4.7.2: message_id plus optional TLVs (e.g. network_error_code).</summary>
public sealed class DataSmResp : ResponsePdu
{
    public string MessageId { get; set; } = "";
    public OptionalParameters? Tlvs { get; set; }

    public override uint CommandId => Codec.CommandId.DataSmResp;

    protected override int GetOkBodyLength() =>
        PduWriter.CStringSize(MessageId, 65, "message_id") + (Tlvs?.GetLength() ?? 0);

    protected override void WriteOkBody(ref PduWriter writer)
    {
        writer.WriteCString(MessageId);
        Tlvs?.Write(ref writer);
    }

    internal static DataSmResp Read(ref PduReader reader)
    {
        var pdu = new DataSmResp();
        if (reader.Remaining > 0)
        {
            pdu.MessageId = reader.ReadCString(65, Status.InvalidMessageId);
            pdu.Tlvs = OptionalParameters.Read(ref reader);
        }
        return pdu;
    }
}
