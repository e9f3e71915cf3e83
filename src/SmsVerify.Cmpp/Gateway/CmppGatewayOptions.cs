using System.Net;
using SmsVerify.Cmpp.Codec;

namespace SmsVerify.Cmpp.Gateway;

/// <summary>Settings of the in-process ISMG. Every option has a default: loopback, an ephemeral port, one SP account.</summary>
public sealed class CmppGatewayOptions
{
    public IPEndPoint EndPoint { get; set; } = new(IPAddress.Loopback, 0);

    /// <summary>SP_Id → shared secret of the SPs allowed to log in.</summary>
    public Dictionary<string, string> Accounts { get; set; } = new() { ["901234"] = "secret" };

    /// <summary>The 22-bit gateway code inside every Msg_Id this gateway issues.</summary>
    public int GatewayCode { get; set; } = 12345;

    /// <summary>The highest version spoken; a CONNECT asking for more gets Status 4 (version too high).</summary>
    public CmppVersion HighestVersion { get; set; } = CmppVersion.V30;

    /// <summary>Send a DELIVRD status report for each number of a submit that asked for one (Registered_Delivery 1).</summary>
    public bool SendReports { get; set; } = true;

    public int MaxPacketLength { get; set; } = PacketFramer.DefaultMaxPacketLength;

    /// <summary>The clock of Msg_Ids and report times.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
