using System.Buffers;
using SmsVerify.Cmpp.Codec;

namespace SmsVerify.Cmpp.Packets;

/// <summary>
/// Turns one framed packet into its object: one switch from Command_Id to the packet's reader. The session's version
/// picks the field widths; CONNECT and CONNECT_RESP read the same whatever it is. Any violation of the specification
/// becomes <see cref="CmppDecodeException"/> carrying the header, so the session can answer the right Sequence_Id.
/// </summary>
public static class PacketDecoder
{
    public static Packet Decode(in ReadOnlySequence<byte> packet, CmppVersion version)
    {
        if (packet.IsSingleSegment)
        {
            return Decode(packet.FirstSpan, version);
        }
        var length = (int)packet.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            packet.CopyTo(rented);
            return Decode(rented.AsSpan(0, length), version);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static Packet Decode(ReadOnlySpan<byte> data, CmppVersion version)
    {
        if (data.Length < PacketHeader.Length)
        {
            throw new CmppDecodeException($"packet of {data.Length} octets is shorter than its header");
        }
        var header = PacketHeader.Read(data);
        if (header.TotalLength != (uint)data.Length)
        {
            throw new CmppDecodeException($"Total_Length {header.TotalLength} does not match the {data.Length} octets framed")
            { Header = header };
        }
        var reader = new PacketReader(data[PacketHeader.Length..]);
        Packet packet;
        try
        {
            packet = ReadBody(ref reader, header.CommandId, version);
            if (reader.Remaining != 0)
            {
                throw new CmppDecodeException($"{reader.Remaining} octets left after the last field");
            }
        }
        catch (CmppDecodeException e) when (e.Header is null)
        {
            throw new CmppDecodeException($"{CommandId.Name(header.CommandId)}: {e.Message}") { Header = header };
        }
        packet.SequenceId = header.SequenceId;
        return packet;
    }

    private static Packet ReadBody(ref PacketReader reader, uint commandId, CmppVersion version) => commandId switch
    {
        CommandId.Submit => Submit.Read(ref reader, version),
        CommandId.SubmitResp => MsgIdResultPacket.Read<SubmitResp>(ref reader, version),
        CommandId.Deliver => Deliver.Read(ref reader, version),
        CommandId.DeliverResp => MsgIdResultPacket.Read<DeliverResp>(ref reader, version),
        CommandId.ActiveTest => new ActiveTest { Version = version },
        CommandId.ActiveTestResp => WithVersion(ActiveTestResp.Read(ref reader), version),
        CommandId.Connect => Connect.Read(ref reader),
        CommandId.ConnectResp => ConnectResp.Read(ref reader),
        CommandId.Terminate => new Terminate { Version = version },
        CommandId.TerminateResp => new TerminateResp { Version = version },
        CommandId.Query => WithVersion(Query.Read(ref reader), version),
        CommandId.QueryResp => WithVersion(QueryResp.Read(ref reader), version),
        CommandId.Cancel => WithVersion(Cancel.Read(ref reader), version),
        CommandId.CancelResp => CancelResp.Read(ref reader, version),
        _ => throw new CmppDecodeException($"unknown Command_Id 0x{commandId:X8}"),
    };

    private static Packet WithVersion(Packet packet, CmppVersion version)
    {
        packet.Version = version;
        return packet;
    }
}
