namespace SmsVerify.Smpp.Codec;

/// <summary>command_id values, SMPP v3.4 Issue 1.2 §5.1.2.1. Responses have bit 31 set.</summary>
public static class CommandId
{
    public const uint GenericNack = 0x80000000;
    public const uint BindReceiver = 0x00000001;
    public const uint BindReceiverResp = 0x80000001;
    public const uint BindTransmitter = 0x00000002;
    public const uint BindTransmitterResp = 0x80000002;
    public const uint QuerySm = 0x00000003;
    public const uint QuerySmResp = 0x80000003;
    public const uint SubmitSm = 0x00000004;
    public const uint SubmitSmResp = 0x80000004;
    public const uint DeliverSm = 0x00000005;
    public const uint DeliverSmResp = 0x80000005;
    public const uint Unbind = 0x00000006;
    public const uint UnbindResp = 0x80000006;
    public const uint CancelSm = 0x00000008;
    public const uint CancelSmResp = 0x80000008;
    public const uint BindTransceiver = 0x00000009;
    public const uint BindTransceiverResp = 0x80000009;
    public const uint Outbind = 0x0000000B;
    public const uint EnquireLink = 0x00000015;
    public const uint EnquireLinkResp = 0x80000015;
    public const uint DataSm = 0x00000103;
    public const uint DataSmResp = 0x80000103;

    public const uint ResponseBit = 0x80000000;

    public static bool IsResponse(uint commandId) => (commandId & ResponseBit) != 0;

    public static string Name(uint commandId) => commandId switch
    {
        GenericNack => "generic_nack",
        BindReceiver => "bind_receiver",
        BindReceiverResp => "bind_receiver_resp",
        BindTransmitter => "bind_transmitter",
        BindTransmitterResp => "bind_transmitter_resp",
        QuerySm => "query_sm",
        QuerySmResp => "query_sm_resp",
        SubmitSm => "submit_sm",
        SubmitSmResp => "submit_sm_resp",
        DeliverSm => "deliver_sm",
        DeliverSmResp => "deliver_sm_resp",
        Unbind => "unbind",
        UnbindResp => "unbind_resp",
        CancelSm => "cancel_sm",
        CancelSmResp => "cancel_sm_resp",
        BindTransceiver => "bind_transceiver",
        BindTransceiverResp => "bind_transceiver_resp",
        Outbind => "outbind",
        EnquireLink => "enquire_link",
        EnquireLinkResp => "enquire_link_resp",
        DataSm => "data_sm",
        DataSmResp => "data_sm_resp",
        _ => $"0x{commandId:X8}",
    };
}
