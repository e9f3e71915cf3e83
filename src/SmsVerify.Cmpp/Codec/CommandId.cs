namespace SmsVerify.Cmpp.Codec;

/// <summary>Command_Id values, CMPP 2.0 and 3.0 §7.1 (the same in both); a response sets the top bit.</summary>
public static class CommandId
{
    public const uint Connect = 0x00000001;
    public const uint ConnectResp = 0x80000001;
    public const uint Terminate = 0x00000002;
    public const uint TerminateResp = 0x80000002;
    public const uint Submit = 0x00000004;
    public const uint SubmitResp = 0x80000004;
    public const uint Deliver = 0x00000005;
    public const uint DeliverResp = 0x80000005;
    public const uint Query = 0x00000006;
    public const uint QueryResp = 0x80000006;
    public const uint Cancel = 0x00000007;
    public const uint CancelResp = 0x80000007;
    public const uint ActiveTest = 0x00000008;
    public const uint ActiveTestResp = 0x80000008;

    public static bool IsResponse(uint commandId) => (commandId & 0x80000000) != 0;

    public static string Name(uint commandId) => commandId switch
    {
        Connect => "CMPP_CONNECT",
        ConnectResp => "CMPP_CONNECT_RESP",
        Terminate => "CMPP_TERMINATE",
        TerminateResp => "CMPP_TERMINATE_RESP",
        Submit => "CMPP_SUBMIT",
        SubmitResp => "CMPP_SUBMIT_RESP",
        Deliver => "CMPP_DELIVER",
        DeliverResp => "CMPP_DELIVER_RESP",
        Query => "CMPP_QUERY",
        QueryResp => "CMPP_QUERY_RESP",
        Cancel => "CMPP_CANCEL",
        CancelResp => "CMPP_CANCEL_RESP",
        ActiveTest => "CMPP_ACTIVE_TEST",
        ActiveTestResp => "CMPP_ACTIVE_TEST_RESP",
        _ => $"0x{commandId:X8}",
    };
}
