using SmsVerify.Cmpp.Codec;

namespace SmsVerify.Cmpp.Packets;

/// <summary>
/// CMPP_CONNECT_RESP, §7.4.1.2: Status (1 octet in CMPP 2.0, 4 in 3.0), AuthenticatorISMG 16, Version 1 (the
/// highest the gateway speaks). The body is 18 or 21 octets, which is how it is read without knowing the version.
/// </summary>
public sealed class ConnectResp : Packet
{
    public uint Status { get; set; }
    public byte[] AuthenticatorIsmg { get; set; } = new byte[16];
    public byte ServerVersion { get; set; } = (byte)CmppVersion.V30;

    public override uint CommandId => Codec.CommandId.ConnectResp;

    protected override int GetBodyLength() => PacketWriter.ResultSize(Version) + 17;

    protected override void WriteBody(ref PacketWriter writer)
    {
        writer.WriteResult(Status, Version);
        writer.WriteBytes(AuthenticatorIsmg.AsSpan(0, 16));
        writer.WriteByte(ServerVersion);
    }

    internal static ConnectResp Read(ref PacketReader reader)
    {
        var version = reader.Remaining == 18 ? CmppVersion.V20 : CmppVersion.V30;
        return new ConnectResp
        {
            Version = version,
            Status = reader.ReadResult(version),
            AuthenticatorIsmg = reader.ReadBytes(16).ToArray(),
            ServerVersion = reader.ReadByte(),
        };
    }
}
