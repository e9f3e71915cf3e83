namespace SmsVerify.Smpp.Codec;

/// <summary>message_state values, SMPP v3.4 Issue 1.2 §5.2.28, as carried in query_sm_resp and the TLV §5.3.2.35.</summary>
public enum MessageState : byte
{
    Unknown = 7,
    Enroute = 1,
    Delivered = 2,
    Expired = 3,
    Deleted = 4,
    Undeliverable = 5,
    Accepted = 6,
    Rejected = 8,
}
