namespace SmsVerify.Smpp.Codec;

/// <summary>
/// command_status error codes, SMPP v3.4 Issue 1.2 §5.1.3. Retry logic reads <see cref="IsTransient"/> and
/// <see cref="IsCongestion"/>, never raw numbers.
/// </summary>
public static class CommandStatus
{
    public const uint Ok = 0x00000000;
    public const uint InvalidMessageLength = 0x00000001;      // ESME_RINVMSGLEN
    public const uint InvalidCommandLength = 0x00000002;      // ESME_RINVCMDLEN
    public const uint InvalidCommandId = 0x00000003;          // ESME_RINVCMDID
    public const uint IncorrectBindStatus = 0x00000004;       // ESME_RINVBNDSTS
    public const uint AlreadyBound = 0x00000005;              // ESME_RALYBND
    public const uint InvalidPriorityFlag = 0x00000006;       // ESME_RINVPRTFLG
    public const uint InvalidRegisteredDelivery = 0x00000007; // ESME_RINVREGDLVFLG
    public const uint SystemError = 0x00000008;               // ESME_RSYSERR
    public const uint InvalidSourceAddress = 0x0000000A;      // ESME_RINVSRCADR
    public const uint InvalidDestinationAddress = 0x0000000B; // ESME_RINVDSTADR
    public const uint InvalidMessageId = 0x0000000C;          // ESME_RINVMSGID
    public const uint BindFailed = 0x0000000D;                // ESME_RBINDFAIL
    public const uint InvalidPassword = 0x0000000E;           // ESME_RINVPASWD
    public const uint InvalidSystemId = 0x0000000F;           // ESME_RINVSYSID
    public const uint CancelFailed = 0x00000011;              // ESME_RCANCELFAIL
    public const uint MessageQueueFull = 0x00000014;          // ESME_RMSGQFUL
    public const uint InvalidServiceType = 0x00000015;        // ESME_RINVSERTYP
    public const uint InvalidEsmClass = 0x00000043;           // ESME_RINVESMCLASS
    public const uint InvalidDataCoding = 0x00000104;         // ESME_RINVDCS: defined by SMPP v5.0, not v3.4, but understood by v3.4 ESMEs such as Kannel
    public const uint SubmitFailed = 0x00000045;              // ESME_RSUBMITFAIL
    public const uint InvalidSourceTon = 0x00000048;          // ESME_RINVSRCTON
    public const uint InvalidSourceNpi = 0x00000049;          // ESME_RINVSRCNPI
    public const uint InvalidDestinationTon = 0x00000050;     // ESME_RINVDSTTON
    public const uint InvalidDestinationNpi = 0x00000051;     // ESME_RINVDSTNPI
    public const uint InvalidSystemType = 0x00000053;         // ESME_RINVSYSTYP
    public const uint Throttled = 0x00000058;                 // ESME_RTHROTTLED
    public const uint InvalidScheduleTime = 0x00000061;       // ESME_RINVSCHED
    public const uint InvalidExpiryTime = 0x00000062;         // ESME_RINVEXPIRY
    public const uint ReceiverTemporaryAppError = 0x00000064; // ESME_RX_T_APPN
    public const uint ReceiverPermanentAppError = 0x00000065; // ESME_RX_P_APPN
    public const uint ReceiverRejectMessage = 0x00000066;     // ESME_RX_R_APPN
    public const uint QueryFailed = 0x00000067;               // ESME_RQUERYFAIL
    public const uint InvalidOptionalStream = 0x000000C0;     // ESME_RINVOPTPARSTREAM
    public const uint OptionalNotAllowed = 0x000000C1;        // ESME_ROPTPARNOTALLWD
    public const uint InvalidParameterLength = 0x000000C2;    // ESME_RINVPARLEN
    public const uint MissingOptional = 0x000000C3;           // ESME_RMISSINGOPTPARAM
    public const uint InvalidOptionalValue = 0x000000C4;      // ESME_RINVOPTPARAMVAL
    public const uint DeliveryFailure = 0x000000FE;           // ESME_RDELIVERYFAILURE
    public const uint UnknownError = 0x000000FF;              // ESME_RUNKNOWNERR

    /// <summary>
    /// The SMSC did not take the message now but may later, here or elsewhere: congestion (<see cref="IsCongestion"/>),
    /// a system error on its side, or a temporary error of the receiving application. Every other error is a property
    /// of the message or the bind. Kannel's <c>smpp_status_to_smscconn_failure_reason</c> draws the same line.
    /// </summary>
    public static bool IsTransient(uint status) => IsCongestion(status) || status is SystemError or ReceiverTemporaryAppError;

    /// <summary>
    /// Throttling and a full queue say "slow down": the client pauses the bind and sends the same submit again first
    /// (Kannel and Jasmin treat 0x58/0x14 the same way).
    /// </summary>
    public static bool IsCongestion(uint status) => status is Throttled or MessageQueueFull;

    public static string Name(uint status) => status switch
    {
        Ok => "ESME_ROK",
        InvalidMessageLength => "ESME_RINVMSGLEN",
        InvalidCommandLength => "ESME_RINVCMDLEN",
        InvalidCommandId => "ESME_RINVCMDID",
        IncorrectBindStatus => "ESME_RINVBNDSTS",
        AlreadyBound => "ESME_RALYBND",
        InvalidPriorityFlag => "ESME_RINVPRTFLG",
        InvalidRegisteredDelivery => "ESME_RINVREGDLVFLG",
        SystemError => "ESME_RSYSERR",
        InvalidSourceAddress => "ESME_RINVSRCADR",
        InvalidDestinationAddress => "ESME_RINVDSTADR",
        InvalidMessageId => "ESME_RINVMSGID",
        BindFailed => "ESME_RBINDFAIL",
        InvalidPassword => "ESME_RINVPASWD",
        InvalidSystemId => "ESME_RINVSYSID",
        CancelFailed => "ESME_RCANCELFAIL",
        MessageQueueFull => "ESME_RMSGQFUL",
        InvalidServiceType => "ESME_RINVSERTYP",
        InvalidEsmClass => "ESME_RINVESMCLASS",
        InvalidDataCoding => "ESME_RINVDCS",
        SubmitFailed => "ESME_RSUBMITFAIL",
        InvalidSourceTon => "ESME_RINVSRCTON",
        InvalidSourceNpi => "ESME_RINVSRCNPI",
        InvalidDestinationTon => "ESME_RINVDSTTON",
        InvalidDestinationNpi => "ESME_RINVDSTNPI",
        InvalidSystemType => "ESME_RINVSYSTYP",
        Throttled => "ESME_RTHROTTLED",
        InvalidScheduleTime => "ESME_RINVSCHED",
        InvalidExpiryTime => "ESME_RINVEXPIRY",
        ReceiverTemporaryAppError => "ESME_RX_T_APPN",
        ReceiverPermanentAppError => "ESME_RX_P_APPN",
        ReceiverRejectMessage => "ESME_RX_R_APPN",
        QueryFailed => "ESME_RQUERYFAIL",
        InvalidOptionalStream => "ESME_RINVOPTPARSTREAM",
        OptionalNotAllowed => "ESME_ROPTPARNOTALLWD",
        InvalidParameterLength => "ESME_RINVPARLEN",
        MissingOptional => "ESME_RMISSINGOPTPARAM",
        InvalidOptionalValue => "ESME_RINVOPTPARAMVAL",
        DeliveryFailure => "ESME_RDELIVERYFAILURE",
        UnknownError => "ESME_RUNKNOWNERR",
        _ => $"0x{status:X8}",
    };
}
