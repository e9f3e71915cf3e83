using SmsVerify.Smpp.Codec;
using Status = SmsVerify.Smpp.Codec.CommandStatus;

namespace SmsVerify.Smpp.Pdus;

/// <summary>bind_*_resp, SMPP v3.4 §4.1.2, §4.1.4, §4.1.6: the SMSC's system_id and optionally sc_interface_version.</summary>
public sealed class BindResp : ResponsePdu
{
    public BindMode Mode { get; set; } = BindMode.Transceiver;
    public string SystemId { get; set; } = "";
    public OptionalParameters? Tlvs { get; set; }

    public override uint CommandId => Mode switch
    {
        BindMode.Transmitter => Codec.CommandId.BindTransmitterResp,
        BindMode.Receiver => Codec.CommandId.BindReceiverResp,
        _ => Codec.CommandId.BindTransceiverResp,
    };

    protected override int GetOkBodyLength() =>
        PduWriter.CStringSize(SystemId, 16, "system_id") + (Tlvs?.GetLength() ?? 0);

    protected override void WriteOkBody(ref PduWriter writer)
    {
        writer.WriteCString(SystemId);
        Tlvs?.Write(ref writer);
    }

    internal static BindResp Read(ref PduReader reader, BindMode mode)
    {
        var pdu = new BindResp { Mode = mode };
        if (reader.Remaining > 0)
        {
            pdu.SystemId = reader.ReadCString(16, Status.InvalidSystemId);
            pdu.Tlvs = OptionalParameters.Read(ref reader);
        }
        return pdu;
    }
}
