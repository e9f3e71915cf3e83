using System.Buffers;
using SmsVerify.Smpp.Codec;

namespace SmsVerify.Smpp.Pdus;

/// <summary>
/// Turns one framed PDU into its object: one switch from command_id to the PDU's reader. Any violation of the
/// spec becomes <see cref="SmppDecodeException"/> carrying the header, so the session can answer the right
/// sequence_number (SMPP v3.4 §3.3: generic_nack for a bad command_id or length).
/// </summary>
public static class PduDecoder
{
    public static Pdu Decode(in ReadOnlySequence<byte> pdu)
    {
        if (pdu.IsSingleSegment)
        {
            return Decode(pdu.FirstSpan);
        }
        var length = (int)pdu.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            pdu.CopyTo(rented);
            return Decode(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static Pdu Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length < PduHeader.Length)
        {
            throw new SmppDecodeException(CommandStatus.InvalidCommandLength, $"PDU of {data.Length} octets is shorter than its header");
        }
        var header = PduHeader.Read(data);
        if (header.CommandLength != (uint)data.Length)
        {
            throw new SmppDecodeException(CommandStatus.InvalidCommandLength,
                $"command_length {header.CommandLength} does not match the {data.Length} octets framed")
            { Header = header };
        }
        var reader = new PduReader(data[PduHeader.Length..]);
        Pdu pdu;
        try
        {
            pdu = ReadBody(ref reader, header.CommandId);
            if (reader.Remaining != 0)
            {
                throw new SmppDecodeException(CommandStatus.InvalidCommandLength,
                    $"{reader.Remaining} octets left after the last field of {CommandId.Name(header.CommandId)}");
            }
        }
        catch (SmppDecodeException e) when (e.Header is null)
        {
            throw new SmppDecodeException(e.CommandStatus, $"{CommandId.Name(header.CommandId)}: {e.Message}") { Header = header };
        }
        pdu.CommandStatus = header.CommandStatus;
        pdu.SequenceNumber = header.SequenceNumber;
        return pdu;
    }

    private static Pdu ReadBody(ref PduReader reader, uint commandId) => commandId switch
    {
        CommandId.SubmitSm => SubmitSm.Read(ref reader),
        CommandId.SubmitSmResp => SubmitSmResp.Read(ref reader),
        CommandId.DeliverSm => DeliverSm.Read(ref reader),
        CommandId.DeliverSmResp => DeliverSmResp.Read(ref reader),
        CommandId.EnquireLink => new EnquireLink(),
        CommandId.EnquireLinkResp => new EnquireLinkResp(),
        CommandId.BindTransmitter => Bind.Read(ref reader, BindMode.Transmitter),
        CommandId.BindReceiver => Bind.Read(ref reader, BindMode.Receiver),
        CommandId.BindTransceiver => Bind.Read(ref reader, BindMode.Transceiver),
        CommandId.BindTransmitterResp => BindResp.Read(ref reader, BindMode.Transmitter),
        CommandId.BindReceiverResp => BindResp.Read(ref reader, BindMode.Receiver),
        CommandId.BindTransceiverResp => BindResp.Read(ref reader, BindMode.Transceiver),
        CommandId.Unbind => new Unbind(),
        CommandId.UnbindResp => new UnbindResp(),
        CommandId.GenericNack => new GenericNack(),
        CommandId.DataSm => DataSm.Read(ref reader),
        CommandId.DataSmResp => DataSmResp.Read(ref reader),
        CommandId.QuerySm => QuerySm.Read(ref reader),
        CommandId.QuerySmResp => QuerySmResp.Read(ref reader),
        CommandId.CancelSm => CancelSm.Read(ref reader),
        CommandId.CancelSmResp => new CancelSmResp(),
        CommandId.Outbind => Outbind.Read(ref reader),
        _ => throw new SmppDecodeException(CommandStatus.InvalidCommandId, $"unknown command_id 0x{commandId:X8}"),
    };
}
