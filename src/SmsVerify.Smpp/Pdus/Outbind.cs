using SmsVerify.Smpp.Codec;
using Status = SmsVerify.Smpp.Codec.CommandStatus;

namespace SmsVerify.Smpp.Pdus;

/// <summary>outbind, SMPP v3.4 §4.1.7: the SMSC asks a receiver ESME to bind.</summary>
public sealed class Outbind : Pdu
{
    public string SystemId { get; set; } = "";
    public string Password { get; set; } = "";

    public override uint CommandId => Codec.CommandId.Outbind;

    protected override int GetBodyLength() =>
        PduWriter.CStringSize(SystemId, 16, "system_id") + PduWriter.CStringSize(Password, 9, "password");

    protected override void WriteBody(ref PduWriter writer)
    {
        writer.WriteCString(SystemId);
        writer.WriteCString(Password);
    }

    internal static Outbind Read(ref PduReader reader) => new()
    {
        SystemId = reader.ReadCString(16, Status.InvalidSystemId),
        Password = reader.ReadCString(9, Status.InvalidPassword),
    };
}
