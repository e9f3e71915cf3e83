using SmsVerify.Smpp.Codec;
using Status = SmsVerify.Smpp.Codec.CommandStatus;

namespace SmsVerify.Smpp.Pdus;

/// <summary>Which of the three bind operations (SMPP v3.4 §2.2.1) a session uses.</summary>
public enum BindMode
{
    Transmitter,
    Receiver,
    Transceiver,
}

/// <summary>bind_transmitter / bind_receiver / bind_transceiver, SMPP v3.4 §4.1.1, §4.1.3, §4.1.5 (one body).</summary>
public sealed class Bind : Pdu
{
    public const byte InterfaceVersion34 = 0x34;

    public BindMode Mode { get; set; } = BindMode.Transceiver;
    public string SystemId { get; set; } = "";
    public string Password { get; set; } = "";
    public string SystemType { get; set; } = "";
    public byte InterfaceVersion { get; set; } = InterfaceVersion34;
    public byte AddrTon { get; set; }
    public byte AddrNpi { get; set; }
    public string AddressRange { get; set; } = "";

    public override uint CommandId => Mode switch
    {
        BindMode.Transmitter => Codec.CommandId.BindTransmitter,
        BindMode.Receiver => Codec.CommandId.BindReceiver,
        _ => Codec.CommandId.BindTransceiver,
    };

    // §5.2.1 system_id 16, §5.2.2 password 9, §5.2.3 system_type 13, §5.2.7 address_range 41 (NUL included).
    protected override int GetBodyLength() =>
        PduWriter.CStringSize(SystemId, 16, "system_id") + PduWriter.CStringSize(Password, 9, "password")
        + PduWriter.CStringSize(SystemType, 13, "system_type") + 3
        + PduWriter.CStringSize(AddressRange, 41, "address_range");

    protected override void WriteBody(ref PduWriter writer)
    {
        writer.WriteCString(SystemId);
        writer.WriteCString(Password);
        writer.WriteCString(SystemType);
        writer.WriteByte(InterfaceVersion);
        writer.WriteByte(AddrTon);
        writer.WriteByte(AddrNpi);
        writer.WriteCString(AddressRange);
    }

    internal static Bind Read(ref PduReader reader, BindMode mode) => new()
    {
        Mode = mode,
        SystemId = reader.ReadCString(16, Status.InvalidSystemId),
        Password = reader.ReadCString(9, Status.InvalidPassword),
        SystemType = reader.ReadCString(13, Status.InvalidSystemType),
        InterfaceVersion = reader.ReadByte(),
        AddrTon = reader.ReadByte(),
        AddrNpi = reader.ReadByte(),
        AddressRange = reader.ReadCString(41, Status.InvalidCommandLength),
    };
}
