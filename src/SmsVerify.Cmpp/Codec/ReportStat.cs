namespace SmsVerify.Cmpp.Codec;

/// <summary>
/// Stat of a status report (CMPP 2.0/3.0 §7.4.5.1, the report in Msg_Content): seven characters. Besides these the
/// gateways pass through the network's own codes (MA:0001, MK:0005, DB:0141 …), which mean "not delivered".
/// </summary>
public static class ReportStat
{
    public const string Delivered = "DELIVRD";
    public const string Expired = "EXPIRED";
    public const string Deleted = "DELETED";
    public const string Undeliverable = "UNDELIV";
    public const string Accepted = "ACCEPTD";
    public const string Unknown = "UNKNOWN";
    public const string Rejected = "REJECTD";

    public static bool IsDelivered(string stat) => stat == Delivered;

    /// <summary>ACCEPTD is an intermediate state; every other Stat, the network codes included, is final.</summary>
    public static bool IsFinal(string stat) => stat != Accepted;
}
