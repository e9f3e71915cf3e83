namespace SmsVerify.Cmpp.Codec;

/// <summary>
/// Result of CMPP_SUBMIT_RESP and CMPP_DELIVER_RESP, CMPP 2.0 §7.4.3.2 (0–8, 9 and above "other") and CMPP 3.0
/// §7.4.3.2 (which names 9–13). Retry logic reads <see cref="IsTransient"/>, never raw numbers.
/// </summary>
public static class SubmitResult
{
    public const uint Ok = 0;
    public const uint InvalidStructure = 1;
    public const uint InvalidCommandId = 2;
    public const uint DuplicateSequence = 3;
    public const uint InvalidMessageLength = 4;
    public const uint InvalidFeeCode = 5;
    public const uint MessageTooLong = 6;
    public const uint InvalidServiceId = 7;
    public const uint FlowControl = 8;
    public const uint NotServedFeeTerminal = 9;  // 3.0 only: this gateway does not serve the charged number
    public const uint InvalidSrcId = 10;         // 3.0 only
    public const uint InvalidMsgSrc = 11;        // 3.0 only
    public const uint InvalidFeeTerminalId = 12; // 3.0 only
    public const uint InvalidDestTerminalId = 13; // 3.0 only

    /// <summary>
    /// Flow control ("流量控制错") is the one result that says "not now" rather than "not this message": the client
    /// slows the link and sends the same submit again. Every other result is a property of the message.
    /// </summary>
    public static bool IsTransient(uint result) => result == FlowControl;

    public static string Name(uint result) => result switch
    {
        Ok => "ok",
        InvalidStructure => "message structure error",
        InvalidCommandId => "command id error",
        DuplicateSequence => "duplicate sequence",
        InvalidMessageLength => "message length error",
        InvalidFeeCode => "fee code error",
        MessageTooLong => "message too long",
        InvalidServiceId => "service id error",
        FlowControl => "flow control",
        NotServedFeeTerminal => "fee terminal not served by this gateway",
        InvalidSrcId => "Src_Id error",
        InvalidMsgSrc => "Msg_src error",
        InvalidFeeTerminalId => "Fee_terminal_Id error",
        InvalidDestTerminalId => "Dest_terminal_Id error",
        _ => $"other error ({result})",
    };
}
