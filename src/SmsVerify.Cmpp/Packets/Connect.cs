using SmsVerify.Cmpp.Codec;

namespace SmsVerify.Cmpp.Packets;

/// <summary>
/// CMPP_CONNECT, CMPP 2.0/3.0 §7.4.1.1, the same 27-octet body in both: Source_Addr (the SP_Id) 6,
/// AuthenticatorSource 16, Version 1, Timestamp 4. <see cref="Packet.Version"/> follows the Version field.
/// </summary>
public sealed class Connect : Packet
{
    public string SourceAddr { get; set; } = "";
    public byte[] AuthenticatorSource { get; set; } = new byte[16];
    public uint Timestamp { get; set; }

    /// <summary>The Version octet as sent; a gateway answers a version it does not know with Status 4.</summary>
    public byte VersionOctet { get => (byte)Version; set => Version = (CmppVersion)value; }

    public override uint CommandId => Codec.CommandId.Connect;

    /// <summary>A login for <paramref name="sourceAddr"/> at <paramref name="time"/>, its authenticator computed.</summary>
    public static Connect Create(string sourceAddr, string sharedSecret, DateTime time, CmppVersion version)
    {
        var timestamp = Authenticator.Timestamp(time);
        return new Connect
        {
            SourceAddr = sourceAddr,
            AuthenticatorSource = Authenticator.Source(sourceAddr, sharedSecret, timestamp),
            Timestamp = timestamp,
            Version = version,
        };
    }

    protected override int GetBodyLength()
    {
        PacketWriter.CheckOctetString(SourceAddr, 6, nameof(SourceAddr));
        return AuthenticatorSource.Length == 16 ? 27
            : throw new ArgumentException("AuthenticatorSource must be 16 octets", nameof(AuthenticatorSource));
    }

    protected override void WriteBody(ref PacketWriter writer)
    {
        writer.WriteOctetString(SourceAddr, 6);
        writer.WriteBytes(AuthenticatorSource);
        writer.WriteByte(VersionOctet);
        writer.WriteUInt32(Timestamp);
    }

    internal static Connect Read(ref PacketReader reader) => new()
    {
        SourceAddr = reader.ReadOctetString(6),
        AuthenticatorSource = reader.ReadBytes(16).ToArray(),
        VersionOctet = reader.ReadByte(),
        Timestamp = reader.ReadUInt32(),
    };
}
