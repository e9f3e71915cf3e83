namespace SmsVerify.Smpp.Text;

/// <summary>The data_coding values (SMPP v3.4 §5.2.19) this library produces.</summary>
public static class DataCoding
{
    /// <summary>SMSC default alphabet; here and at nearly every SMSC, GSM 03.38 unpacked.</summary>
    public const byte SmscDefault = 0x00;
    public const byte Ucs2 = 0x08;
}

/// <summary>How a message is encoded on the air.</summary>
public enum SmsAlphabet
{
    Gsm7,
    Ucs2,
}

/// <summary>How the parts of a long message are tied together.</summary>
public enum ConcatenationMode
{
    /// <summary>A 6-octet UDH in short_message with the 8-bit reference IE 0x00 and esm_class 0x40 (TS 23.040 §9.2.3.24.1).</summary>
    Udh,
    /// <summary>The sar_msg_ref_num / sar_total_segments / sar_segment_seqnum TLVs (SMPP v3.4 §5.3.2.22-24); the SMSC builds the UDH.</summary>
    Sar,
}
