namespace SmsVerify.Smpp.Codec;

/// <summary>
/// The TLVs of one PDU (SMPP v3.4 §3.2.1.1, §5.3). The ones SmsVerify uses are typed; any other tag is kept in
/// <see cref="Others"/> and written back as it came, so a proxy never loses what it does not understand.
/// </summary>
public sealed class OptionalParameters
{
    public ReadOnlyMemory<byte>? MessagePayload { get; set; }
    public ushort? SarMsgRefNum { get; set; }
    public byte? SarTotalSegments { get; set; }
    public byte? SarSegmentSeqnum { get; set; }
    public string? ReceiptedMessageId { get; set; }
    public MessageState? MessageState { get; set; }
    public NetworkErrorCode? NetworkErrorCode { get; set; }
    public ushort? UserMessageReference { get; set; }
    public byte? ScInterfaceVersion { get; set; }
    public List<Tlv>? Others { get; set; }

    /// <summary>Reads TLVs up to the end of the body; null when there are none (the common case, no allocation).</summary>
    public static OptionalParameters? Read(ref PduReader reader)
    {
        if (reader.Remaining == 0)
        {
            return null;
        }
        var result = new OptionalParameters();
        while (reader.Remaining > 0)
        {
            if (reader.Remaining < 4)
            {
                throw new SmppDecodeException(CommandStatus.InvalidOptionalStream, "TLV header truncated");
            }
            var tag = reader.ReadUInt16();
            var length = reader.ReadUInt16();
            if (length > reader.Remaining)
            {
                throw new SmppDecodeException(CommandStatus.InvalidOptionalStream,
                    $"TLV 0x{tag:X4} claims {length} octets, {reader.Remaining} left");
            }
            var value = reader.ReadBytes(length);
            result.Set(tag, value);
        }
        return result;
    }

    private void Set(ushort tag, ReadOnlySpan<byte> value)
    {
        switch (tag)
        {
            case TlvTag.MessagePayload: MessagePayload = value.ToArray(); break;
            case TlvTag.SarMsgRefNum: SarMsgRefNum = (ushort)(Fixed(tag, value, 2)[0] << 8 | value[1]); break;
            case TlvTag.SarTotalSegments: SarTotalSegments = Fixed(tag, value, 1)[0]; break;
            case TlvTag.SarSegmentSeqnum: SarSegmentSeqnum = Fixed(tag, value, 1)[0]; break;
            case TlvTag.ScInterfaceVersion: ScInterfaceVersion = Fixed(tag, value, 1)[0]; break;
            case TlvTag.MessageState: MessageState = (MessageState)Fixed(tag, value, 1)[0]; break;
            case TlvTag.UserMessageReference:
                UserMessageReference = (ushort)(Fixed(tag, value, 2)[0] << 8 | value[1]);
                break;
            case TlvTag.NetworkErrorCode:
                NetworkErrorCode = new(Fixed(tag, value, 3)[0], (ushort)(value[1] << 8 | value[2]));
                break;
            case TlvTag.ReceiptedMessageId:
                // §5.3.2.12: a C-Octet String of at most 65 octets; some SMSCs omit the NUL, which we accept.
                var reader = new PduReader(value);
                ReceiptedMessageId = value.IndexOf((byte)0) >= 0
                    ? reader.ReadCString(65, CommandStatus.InvalidOptionalValue)
                    : value.Length < 65 ? System.Text.Encoding.Latin1.GetString(value)
                    : throw new SmppDecodeException(CommandStatus.InvalidParameterLength, "receipted_message_id too long");
                break;
            default: (Others ??= []).Add(new Tlv(tag, value.ToArray())); break;
        }
    }

    private static ReadOnlySpan<byte> Fixed(ushort tag, ReadOnlySpan<byte> value, int length) =>
        value.Length == length ? value
        : throw new SmppDecodeException(CommandStatus.InvalidParameterLength,
            $"TLV 0x{tag:X4} must be {length} octets, was {value.Length}");

    public int GetLength()
    {
        var length = 0;
        if (MessagePayload is { } payload) { length += 4 + payload.Length; }
        if (SarMsgRefNum is not null) { length += 6; }
        if (SarTotalSegments is not null) { length += 5; }
        if (SarSegmentSeqnum is not null) { length += 5; }
        if (ScInterfaceVersion is not null) { length += 5; }
        if (MessageState is not null) { length += 5; }
        if (UserMessageReference is not null) { length += 6; }
        if (NetworkErrorCode is not null) { length += 7; }
        if (ReceiptedMessageId is not null)
        {
            length += 4 + PduWriter.CStringSize(ReceiptedMessageId, 65, "receipted_message_id");
        }
        foreach (var tlv in Others ?? [])
        {
            length += 4 + tlv.Value.Length;
        }
        if (MessagePayload is { Length: > ushort.MaxValue })
        {
            throw new ArgumentException("message_payload is longer than 65535 octets");
        }
        return length;
    }

    public void Write(ref PduWriter writer)
    {
        if (UserMessageReference is { } umr) { Header(ref writer, TlvTag.UserMessageReference, 2); writer.WriteUInt16(umr); }
        if (SarMsgRefNum is { } sarRef) { Header(ref writer, TlvTag.SarMsgRefNum, 2); writer.WriteUInt16(sarRef); }
        if (SarTotalSegments is { } total) { Header(ref writer, TlvTag.SarTotalSegments, 1); writer.WriteByte(total); }
        if (SarSegmentSeqnum is { } seq) { Header(ref writer, TlvTag.SarSegmentSeqnum, 1); writer.WriteByte(seq); }
        if (ScInterfaceVersion is { } version) { Header(ref writer, TlvTag.ScInterfaceVersion, 1); writer.WriteByte(version); }
        if (ReceiptedMessageId is { } id)
        {
            Header(ref writer, TlvTag.ReceiptedMessageId, id.Length + 1);
            writer.WriteCString(id);
        }
        if (MessageState is { } state) { Header(ref writer, TlvTag.MessageState, 1); writer.WriteByte((byte)state); }
        if (NetworkErrorCode is { } nec)
        {
            Header(ref writer, TlvTag.NetworkErrorCode, 3);
            writer.WriteByte(nec.NetworkType);
            writer.WriteUInt16(nec.ErrorCode);
        }
        if (MessagePayload is { } payload)
        {
            Header(ref writer, TlvTag.MessagePayload, payload.Length);
            writer.WriteBytes(payload.Span);
        }
        foreach (var tlv in Others ?? [])
        {
            Header(ref writer, tlv.Tag, tlv.Value.Length);
            writer.WriteBytes(tlv.Value.Span);
        }
    }

    private static void Header(ref PduWriter writer, ushort tag, int length)
    {
        writer.WriteUInt16(tag);
        writer.WriteUInt16((ushort)length);
    }
}
