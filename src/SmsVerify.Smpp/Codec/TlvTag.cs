namespace SmsVerify.Smpp.Codec;

/// <summary>Optional parameter tags, SMPP v3.4 Issue 1.2 §5.3.2 (table 5-9).</summary>
public static class TlvTag
{
    public const ushort UserMessageReference = 0x0204;  // §5.3.2.17, 2 octets
    public const ushort SarMsgRefNum = 0x020C;          // §5.3.2.22, 2 octets
    public const ushort SarTotalSegments = 0x020E;      // §5.3.2.23, 1 octet
    public const ushort SarSegmentSeqnum = 0x020F;      // §5.3.2.24, 1 octet
    public const ushort ScInterfaceVersion = 0x0210;    // §5.3.2.25, 1 octet
    public const ushort NetworkErrorCode = 0x0423;      // §5.3.2.31, 3 octets
    public const ushort MessagePayload = 0x0424;        // §5.3.2.32, variable
    public const ushort ReceiptedMessageId = 0x001E;    // §5.3.2.12, C-string up to 65
    public const ushort MessageState = 0x0427;          // §5.3.2.35, 1 octet
}
