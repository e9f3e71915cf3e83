namespace SmsVerify.Cmpp.Codec;

/// <summary>
/// The protocol version as CMPP_CONNECT carries it: major version in the high 4 bits, minor in the low 4
/// (CMPP 2.0 §7.4.1.1, CMPP 3.0 §7.4.1.1). The two versions differ in field widths, not in packet order.
/// </summary>
public enum CmppVersion : byte
{
    V20 = 0x20,
    V30 = 0x30,
}
