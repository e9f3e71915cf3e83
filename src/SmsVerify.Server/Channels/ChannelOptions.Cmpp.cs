namespace SmsVerify.Server.Channels;

/// <summary>
/// The settings a CMPP channel (<see cref="ChannelProtocol.Cmpp2"/>, <see cref="ChannelProtocol.Cmpp3"/>) adds: the
/// login, the service and the fee fields of every CMPP_SUBMIT. SMPP channels ignore them; the source number is
/// <see cref="SourceAddress"/> for both.
/// </summary>
public sealed partial class ChannelOptions
{
    /// <summary>The six-character SP_Id (企业代码) the ISMG knows the SP by: Source_Addr of CMPP_CONNECT.</summary>
    public string SpId { get; set; } = "";

    /// <summary>The shared secret of the login's authenticator.</summary>
    public string SharedSecret { get; set; } = "";

    /// <summary>Service_Id of every submit, as the carrier assigned it (up to 10 characters).</summary>
    public string ServiceId { get; set; } = "";

    /// <summary>Fee_UserType: who pays (0 the receiver, 1 the sender, 2 the SP, 3 <see cref="FeeTerminalId"/>). Codes are the SP's cost.</summary>
    public byte FeeUserType { get; set; } = 2;

    /// <summary>The number charged when <see cref="FeeUserType"/> is 3.</summary>
    public string FeeTerminalId { get; set; } = "";

    /// <summary>FeeType: <c>01</c> free to the user, <c>02</c> per message, <c>03</c> monthly …</summary>
    public string FeeType { get; set; } = "01";

    /// <summary>FeeCode: the charge in fen, up to six digits.</summary>
    public string FeeCode { get; set; } = "000000";

    /// <summary>
    /// Whether a CONNECT_RESP whose AuthenticatorISMG does not prove the shared secret fails the login. Some gateways
    /// fill it otherwise; turn this off for them (a mismatch is then only logged).
    /// </summary>
    public bool RequireIsmgAuthenticator { get; set; } = true;

    public bool IsCmpp => Protocol is ChannelProtocol.Cmpp2 or ChannelProtocol.Cmpp3;
}
