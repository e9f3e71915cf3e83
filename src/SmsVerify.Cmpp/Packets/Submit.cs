using SmsVerify.Cmpp.Codec;

namespace SmsVerify.Cmpp.Packets;

/// <summary>
/// CMPP_SUBMIT, CMPP 2.0 §7.4.3.1 and CMPP 3.0 §7.4.3.1. The versions differ in three places: terminal numbers are
/// 21 octets in 2.0 and 32 in 3.0, 3.0 adds Fee_terminal_type and Dest_terminal_type, and the trailing 8-octet
/// Reserve of 2.0 is a 20-octet LinkID in 3.0.
/// </summary>
public sealed class Submit : Packet
{
    public const int MaxDestinations = 100;

    /// <summary>Filled by the gateway; an SP sends 0.</summary>
    public ulong MsgId { get; set; }
    public byte PkTotal { get; set; } = 1;
    public byte PkNumber { get; set; } = 1;
    /// <summary>1 asks the gateway for a status report.</summary>
    public byte RegisteredDelivery { get; set; }
    public byte MsgLevel { get; set; }
    public string ServiceId { get; set; } = "";
    /// <summary>Who pays: 0 the destination, 1 the source, 2 the SP, 3 <see cref="FeeTerminalId"/>.</summary>
    public byte FeeUserType { get; set; }
    public string FeeTerminalId { get; set; } = "";
    public byte FeeTerminalType { get; set; } // 3.0 only
    public byte TpPid { get; set; }
    /// <summary>1 when <see cref="MsgContent"/> starts with a user data header (the parts of a long message do).</summary>
    public byte TpUdhi { get; set; }
    public byte MsgFmt { get; set; }
    /// <summary>The SP_Id.</summary>
    public string MsgSrc { get; set; } = "";
    /// <summary>"01" free, "02" per message, "03" monthly …; gateways refuse an empty one.</summary>
    public string FeeType { get; set; } = "01";
    public string FeeCode { get; set; } = "000000";
    public string ValidTime { get; set; } = "";
    public string AtTime { get; set; } = "";
    /// <summary>The source number the phone shows: the SP's access number plus any extension.</summary>
    public string SrcId { get; set; } = "";
    public IReadOnlyList<string> DestTerminalIds { get; set; } = [];
    public byte DestTerminalType { get; set; } // 3.0 only
    public ReadOnlyMemory<byte> MsgContent { get; set; }
    /// <summary>Reserve (8 octets) in 2.0, LinkID (20) in 3.0.</summary>
    public string LinkId { get; set; } = "";

    public override uint CommandId => Codec.CommandId.Submit;

    private int TerminalWidth => Version == CmppVersion.V20 ? 21 : 32;
    private int TrailerWidth => Version == CmppVersion.V20 ? 8 : 20;

    protected override int GetBodyLength()
    {
        PacketWriter.CheckOctetString(ServiceId, 10, nameof(ServiceId));
        PacketWriter.CheckOctetString(FeeTerminalId, TerminalWidth, nameof(FeeTerminalId));
        PacketWriter.CheckOctetString(MsgSrc, 6, nameof(MsgSrc));
        PacketWriter.CheckOctetString(FeeType, 2, nameof(FeeType));
        PacketWriter.CheckOctetString(FeeCode, 6, nameof(FeeCode));
        PacketWriter.CheckOctetString(ValidTime, 17, nameof(ValidTime));
        PacketWriter.CheckOctetString(AtTime, 17, nameof(AtTime));
        PacketWriter.CheckOctetString(SrcId, 21, nameof(SrcId));
        PacketWriter.CheckOctetString(LinkId, TrailerWidth, nameof(LinkId));
        if (DestTerminalIds.Count is < 1 or > MaxDestinations)
        {
            throw new ArgumentException($"a submit goes to 1..{MaxDestinations} numbers", nameof(DestTerminalIds));
        }
        foreach (var destination in DestTerminalIds)
        {
            PacketWriter.CheckOctetString(destination, TerminalWidth, nameof(DestTerminalIds));
        }
        if (MsgContent.Length > byte.MaxValue)
        {
            throw new ArgumentException("Msg_Content is longer than 255 octets", nameof(MsgContent));
        }
        // 2.0: 117 fixed octets before the numbers, Msg_Length, Reserve. 3.0: 129 before, Dest_terminal_type, Msg_Length, LinkID.
        var fixedPart = Version == CmppVersion.V20 ? 117 + 1 + 8 : 129 + 2 + 20;
        return fixedPart + (TerminalWidth * DestTerminalIds.Count) + MsgContent.Length;
    }

    protected override void WriteBody(ref PacketWriter writer)
    {
        var v3 = Version == CmppVersion.V30;
        writer.WriteUInt64(MsgId);
        writer.WriteByte(PkTotal);
        writer.WriteByte(PkNumber);
        writer.WriteByte(RegisteredDelivery);
        writer.WriteByte(MsgLevel);
        writer.WriteOctetString(ServiceId, 10);
        writer.WriteByte(FeeUserType);
        writer.WriteOctetString(FeeTerminalId, TerminalWidth);
        if (v3)
        {
            writer.WriteByte(FeeTerminalType);
        }
        writer.WriteByte(TpPid);
        writer.WriteByte(TpUdhi);
        writer.WriteByte(MsgFmt);
        writer.WriteOctetString(MsgSrc, 6);
        writer.WriteOctetString(FeeType, 2);
        writer.WriteOctetString(FeeCode, 6);
        writer.WriteOctetString(ValidTime, 17);
        writer.WriteOctetString(AtTime, 17);
        writer.WriteOctetString(SrcId, 21);
        writer.WriteByte((byte)DestTerminalIds.Count);
        foreach (var destination in DestTerminalIds)
        {
            writer.WriteOctetString(destination, TerminalWidth);
        }
        if (v3)
        {
            writer.WriteByte(DestTerminalType);
        }
        writer.WriteByte((byte)MsgContent.Length);
        writer.WriteBytes(MsgContent.Span);
        writer.WriteOctetString(LinkId, TrailerWidth);
    }

    internal static Submit Read(ref PacketReader reader, CmppVersion version)
    {
        var v3 = version == CmppVersion.V30;
        var width = v3 ? 32 : 21;
        var submit = new Submit
        {
            Version = version,
            MsgId = reader.ReadUInt64(),
            PkTotal = reader.ReadByte(),
            PkNumber = reader.ReadByte(),
            RegisteredDelivery = reader.ReadByte(),
            MsgLevel = reader.ReadByte(),
            ServiceId = reader.ReadOctetString(10),
            FeeUserType = reader.ReadByte(),
            FeeTerminalId = reader.ReadOctetString(width),
            FeeTerminalType = v3 ? reader.ReadByte() : (byte)0,
            TpPid = reader.ReadByte(),
            TpUdhi = reader.ReadByte(),
            MsgFmt = reader.ReadByte(),
            MsgSrc = reader.ReadOctetString(6),
            FeeType = reader.ReadOctetString(2),
            FeeCode = reader.ReadOctetString(6),
            ValidTime = reader.ReadOctetString(17),
            AtTime = reader.ReadOctetString(17),
            SrcId = reader.ReadOctetString(21),
        };
        var count = reader.ReadByte();
        var destinations = new string[count];
        for (var i = 0; i < count; i++)
        {
            destinations[i] = reader.ReadOctetString(width);
        }
        submit.DestTerminalIds = destinations;
        submit.DestTerminalType = v3 ? reader.ReadByte() : (byte)0;
        submit.MsgContent = reader.ReadBytes(reader.ReadByte()).ToArray();
        submit.LinkId = reader.ReadOctetString(v3 ? 20 : 8);
        return submit;
    }
}
