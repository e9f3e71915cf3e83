namespace SmsVerify.Cmpp.Codec;

/// <summary>CMPP_CONNECT_RESP Status, CMPP 2.0/3.0 §7.4.1.2 (one octet in 2.0, four in 3.0, same values).</summary>
public static class ConnectStatus
{
    public const uint Ok = 0;
    public const uint InvalidStructure = 1;
    public const uint InvalidSourceAddress = 2;
    public const uint AuthenticationFailed = 3;
    public const uint VersionTooHigh = 4;
    /// <summary>5 and above: "other errors"; gateways use it for too many connections, for one.</summary>
    public const uint OtherError = 5;

    public static string Name(uint status) => status switch
    {
        Ok => "ok",
        InvalidStructure => "message structure error",
        InvalidSourceAddress => "invalid source address",
        AuthenticationFailed => "authentication failed",
        VersionTooHigh => "version too high",
        _ => $"other error ({status})",
    };
}
