using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using static SmsVerify.Smpp.Tests.Support.Bytes;

namespace SmsVerify.Smpp.Tests.Codec;

/// <summary>Each PDU against octets worked out by hand from SMPP v3.4 Issue 1.2 §4 (field order) and §3.1 (types).</summary>
public class PduVectorTests
{
    private static T RoundTrip<T>(Pdu pdu, string expectedHex) where T : Pdu
    {
        var bytes = pdu.ToArray();
        Assert.Equal(expectedHex.Replace(" ", "", StringComparison.Ordinal), Hex(bytes));
        return Assert.IsType<T>(PduDecoder.Decode(bytes));
    }

    [Fact]
    public void BindTransceiver_EncodesFieldsInSpecOrder()
    {
        var bind = new Bind { Mode = BindMode.Transceiver, SystemId = "smppclient1", Password = "password", SequenceNumber = 1 };
        // §4.1.5: system_id, password, system_type, interface_version 0x34, addr_ton, addr_npi, address_range.
        var decoded = RoundTrip<Bind>(bind,
            "0000002A 00000009 00000000 00000001 736D7070636C69656E743100 70617373776F726400 00 34 00 00 00");
        Assert.Equal(("smppclient1", "password", BindMode.Transceiver, (byte)0x34), (decoded.SystemId, decoded.Password, decoded.Mode, decoded.InterfaceVersion));
    }

    [Theory]
    [InlineData(BindMode.Transmitter, "00000002")]
    [InlineData(BindMode.Receiver, "00000001")]
    public void Bind_OtherModes_UseTheirCommandIds(BindMode mode, string commandId)
    {
        var decoded = RoundTrip<Bind>(new Bind { Mode = mode, SystemId = "a", Password = "b", SystemType = "c", SequenceNumber = 2 },
            $"0000001A {commandId} 00000000 00000002 6100 6200 6300 34 00 00 00");
        Assert.Equal(mode, decoded.Mode);
    }

    [Fact]
    public void BindResp_Ok_CarriesSystemId_AndErrorHasNoBody()
    {
        var ok = RoundTrip<BindResp>(new BindResp { SystemId = "SMSC", SequenceNumber = 1 },
            "00000015 80000009 00000000 00000001 534D534300");
        Assert.Equal("SMSC", ok.SystemId);
        // §4.1.2: "the body is not returned if the command_status field contains a non-zero value".
        var refused = RoundTrip<BindResp>(new BindResp { Mode = BindMode.Transmitter, SystemId = "SMSC", CommandStatus = CommandStatus.InvalidPassword, SequenceNumber = 1 },
            "00000010 80000002 0000000E 00000001");
        Assert.Equal(CommandStatus.InvalidPassword, refused.CommandStatus);
    }

    [Fact]
    public void BindResp_WithScInterfaceVersion_ReadsTheTlv()
    {
        var decoded = RoundTrip<BindResp>(new BindResp { SystemId = "S", SequenceNumber = 3, Tlvs = new() { ScInterfaceVersion = 0x34 } },
            "00000017 80000009 00000000 00000003 5300 0210 0001 34");
        Assert.Equal((byte)0x34, decoded.Tlvs?.ScInterfaceVersion);
    }

    [Fact]
    public void SubmitSm_EncodesEveryMandatoryField()
    {
        var submit = new SubmitSm
        {
            SourceAddrTon = 5,
            SourceAddr = "SmsVerify",
            DestAddrTon = 1,
            DestAddrNpi = 1,
            DestinationAddr = "8613812345678",
            RegisteredDelivery = 1,
            ShortMessage = "Hi"u8.ToArray(),
            SequenceNumber = 7,
        };
        // §4.4.1: service_type, src ton/npi/addr, dest ton/npi/addr, esm_class, protocol_id, priority_flag,
        // schedule_delivery_time, validity_period, registered_delivery, replace_if_present, data_coding,
        // sm_default_msg_id, sm_length, short_message.
        var decoded = RoundTrip<SubmitSm>(submit,
            "00000039 00000004 00000000 00000007 00 05 00 536D73566572696679 00 01 01 38363133383132333435363738 00"
            + " 00 00 00 00 00 01 00 00 00 02 4869");
        Assert.Equal("SmsVerify", decoded.SourceAddr);
        Assert.Equal("8613812345678", decoded.DestinationAddr);
        Assert.Equal((byte)1, decoded.RegisteredDelivery);
        Assert.Equal("Hi"u8.ToArray(), decoded.ShortMessage.ToArray());
        Assert.Null(decoded.Tlvs);
    }

    [Fact]
    public void SubmitSm_WithSarTlvs_RoundTrips()
    {
        var submit = new SubmitSm
        {
            DestinationAddr = "1",
            ShortMessage = new byte[] { 0x41 },
            SequenceNumber = 8,
            Tlvs = new() { SarMsgRefNum = 0x1234, SarTotalSegments = 3, SarSegmentSeqnum = 2, UserMessageReference = 0x0102 }
        };
        // §5.3.2.17 user_message_reference, §5.3.2.22-24 sar_* in that order of writing.
        var decoded = RoundTrip<SubmitSm>(submit,
            "00000039 00000004 00000000 00000008 00 00 00 00 00 00 3100 00 00 00 00 00 00 00 00 00 01 41"
            + " 0204 0002 0102 020C 0002 1234 020E 0001 03 020F 0001 02");
        Assert.Equal((ushort)0x1234, decoded.Tlvs!.SarMsgRefNum);
        Assert.Equal((byte)3, decoded.Tlvs.SarTotalSegments);
        Assert.Equal((byte)2, decoded.Tlvs.SarSegmentSeqnum);
        Assert.Equal((ushort)0x0102, decoded.Tlvs.UserMessageReference);
    }

    [Fact]
    public void SubmitSmResp_CarriesMessageId()
    {
        var decoded = RoundTrip<SubmitSmResp>(new SubmitSmResp { MessageId = "abc", SequenceNumber = 7 },
            "00000014 80000004 00000000 00000007 61626300");
        Assert.Equal("abc", decoded.MessageId);
        var throttled = RoundTrip<SubmitSmResp>(new SubmitSmResp { MessageId = "abc", CommandStatus = CommandStatus.Throttled, SequenceNumber = 7 },
            "00000010 80000004 00000058 00000007");
        Assert.True(CommandStatus.IsTransient(throttled.CommandStatus));
    }

    [Fact]
    public void SubmitSmResp_WithAnIdPastTheLimitAndNoNul_IsReadWhole()
    {
        // An OK answer whose 80-octet message_id has no terminator: the SMSC took the message, so it must not read as an error.
        var id = string.Concat(Enumerable.Repeat("0123456789", 8));
        var bytes = Hex("00000060 80000004 00000000 00000009").Concat(System.Text.Encoding.ASCII.GetBytes(id)).ToArray();

        var decoded = Assert.IsType<SubmitSmResp>(PduDecoder.Decode(bytes));

        Assert.Equal((CommandStatus.Ok, id, 9u), (decoded.CommandStatus, decoded.MessageId, decoded.SequenceNumber));
    }

    [Fact]
    public void DeliverSm_Receipt_ReadsReceiptTlvs()
    {
        var deliver = new DeliverSm
        {
            SourceAddr = "1",
            DestinationAddr = "2",
            EsmClass = DeliverSm.EsmClassDeliveryReceipt,
            SequenceNumber = 5,
            Tlvs = new() { ReceiptedMessageId = "abc", MessageState = MessageState.Delivered, NetworkErrorCode = new(3, 0x0001) }
        };
        // §5.3.2.12 receipted_message_id (C-string), §5.3.2.35 message_state, §5.3.2.31 network_error_code.
        var decoded = RoundTrip<DeliverSm>(deliver,
            "00000037 00000005 00000000 00000005 00 00 00 3100 00 00 3200 04 00 00 00 00 00 00 00 00 00"
            + " 001E 0004 61626300 0427 0001 02 0423 0003 03 0001");
        Assert.True(decoded.IsDeliveryReceipt);
        Assert.Equal("abc", decoded.Tlvs!.ReceiptedMessageId);
        Assert.Equal(MessageState.Delivered, decoded.Tlvs.MessageState);
        Assert.Equal(new NetworkErrorCode(3, 1), decoded.Tlvs.NetworkErrorCode);
    }

    [Fact]
    public void DeliverSmResp_HasNullMessageId()
    {
        RoundTrip<DeliverSmResp>(new DeliverSmResp { SequenceNumber = 5 }, "00000011 80000005 00000000 00000005 00");
    }

    [Fact]
    public void DataSm_CarriesTextInMessagePayload()
    {
        var data = new DataSm
        {
            SourceAddr = "1",
            DestinationAddr = "2",
            DataCoding = 8,
            SequenceNumber = 4,
            Tlvs = new() { MessagePayload = new byte[] { 0x4E, 0x2D } }
        };
        // §4.7.1: service_type, src ton/npi/addr, dest ton/npi/addr, esm_class, registered_delivery, data_coding.
        var decoded = RoundTrip<DataSm>(data,
            "00000022 00000103 00000000 00000004 00 00 00 3100 00 00 3200 00 00 08 0424 0002 4E2D");
        Assert.Equal(new byte[] { 0x4E, 0x2D }, decoded.Tlvs!.MessagePayload!.Value.ToArray());
        RoundTrip<DataSmResp>(new DataSmResp { MessageId = "9", SequenceNumber = 4 }, "00000012 80000103 00000000 00000004 3900");
    }

    [Fact]
    public void QuerySm_AndResp_RoundTrip()
    {
        RoundTrip<QuerySm>(new QuerySm { MessageId = "ab", SourceAddr = "1", SequenceNumber = 6 },
            "00000017 00000003 00000000 00000006 616200 00 00 3100");
        var resp = RoundTrip<QuerySmResp>(new QuerySmResp { MessageId = "ab", MessageState = MessageState.Expired, ErrorCode = 9, SequenceNumber = 6 },
            "00000016 80000003 00000000 00000006 616200 00 03 09");
        Assert.Equal(MessageState.Expired, resp.MessageState);
    }

    [Fact]
    public void CancelSm_EncodesFieldsInSpecOrder_AndRespIsTheHeaderAlone()
    {
        var cancel = new CancelSm
        {
            MessageId = "ab",
            SourceAddrTon = 1,
            SourceAddrNpi = 1,
            SourceAddr = "1",
            DestAddrTon = 1,
            DestAddrNpi = 1,
            DestinationAddr = "2",
            SequenceNumber = 8,
        };
        // §4.9.1: service_type, message_id, source ton/npi/addr, dest ton/npi/addr.
        var decoded = RoundTrip<CancelSm>(cancel, "0000001C 00000008 00000000 00000008 00 616200 01 01 3100 01 01 3200");
        Assert.Equal(("ab", "1", "2", (byte)1), (decoded.MessageId, decoded.SourceAddr, decoded.DestinationAddr, decoded.DestAddrNpi));
        // §4.9.2: cancel_sm_resp has no body, whatever its status.
        RoundTrip<CancelSmResp>(new CancelSmResp { SequenceNumber = 8 }, "00000010 80000008 00000000 00000008");
        var refused = RoundTrip<CancelSmResp>(new CancelSmResp { CommandStatus = CommandStatus.CancelFailed, SequenceNumber = 8 },
            "00000010 80000008 00000011 00000008");
        Assert.Equal("ESME_RCANCELFAIL", CommandStatus.Name(refused.CommandStatus));
        Assert.Equal(("cancel_sm", "cancel_sm_resp"), (CommandId.Name(CommandId.CancelSm), CommandId.Name(CommandId.CancelSmResp)));
    }

    [Fact]
    public void HeaderOnlyPdus_Are16Octets()
    {
        RoundTrip<EnquireLink>(new EnquireLink { SequenceNumber = 2 }, "00000010 00000015 00000000 00000002");
        RoundTrip<EnquireLinkResp>(new EnquireLinkResp { SequenceNumber = 2 }, "00000010 80000015 00000000 00000002");
        RoundTrip<Unbind>(new Unbind { SequenceNumber = 3 }, "00000010 00000006 00000000 00000003");
        RoundTrip<UnbindResp>(new UnbindResp { SequenceNumber = 3 }, "00000010 80000006 00000000 00000003");
        RoundTrip<GenericNack>(new GenericNack { CommandStatus = CommandStatus.InvalidCommandLength, SequenceNumber = 9 },
            "00000010 80000000 00000002 00000009");
    }

    [Fact]
    public void Outbind_CarriesSystemIdAndPassword()
    {
        var decoded = RoundTrip<Outbind>(new Outbind { SystemId = "S", Password = "p", SequenceNumber = 1 },
            "00000014 0000000B 00000000 00000001 5300 7000");
        Assert.Equal("p", decoded.Password);
    }

    [Fact]
    public void UnknownTlv_IsKeptAndWrittenBack()
    {
        var bytes = Hex("0000001F 80000009 00000000 00000001 5300 1403 0004 DEADBEEF 0210 0001 34");
        var decoded = Assert.IsType<BindResp>(PduDecoder.Decode(bytes));
        var other = Assert.Single(decoded.Tlvs!.Others!);
        Assert.Equal((ushort)0x1403, other.Tag);
        Assert.Equal(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }, other.Value.ToArray());
        Assert.Equal(bytes.Length, decoded.Length);
        Assert.Equal(Hex("0000001F 80000009 00000000 00000001 5300 0210 0001 34 1403 0004 DEADBEEF"), decoded.ToArray());
    }

    [Fact]
    public void CommandStatus_TransientFlag_FollowsRetryPolicy()
    {
        Assert.True(CommandStatus.IsTransient(CommandStatus.Throttled));
        Assert.True(CommandStatus.IsTransient(CommandStatus.MessageQueueFull));
        Assert.True(CommandStatus.IsTransient(CommandStatus.SystemError));
        Assert.True(CommandStatus.IsTransient(CommandStatus.ReceiverTemporaryAppError));
        Assert.False(CommandStatus.IsTransient(CommandStatus.InvalidDestinationAddress));
        Assert.False(CommandStatus.IsTransient(CommandStatus.InvalidPassword));
        // Only congestion pauses the bind and sends the same submit again there.
        Assert.True(CommandStatus.IsCongestion(CommandStatus.Throttled));
        Assert.False(CommandStatus.IsCongestion(CommandStatus.SystemError));
        Assert.Equal("ESME_RTHROTTLED", CommandStatus.Name(0x58));
    }
}
