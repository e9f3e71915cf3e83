using System.Buffers;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using static SmsVerify.Smpp.Tests.Support.Bytes;

namespace SmsVerify.Smpp.Tests.Codec;

/// <summary>Strict, bounded parsing: every malformed PDU is a <see cref="SmppDecodeException"/> with the status to answer.</summary>
public class BoundsTests
{
    private static uint StatusOf(string hex) => Assert.Throws<SmppDecodeException>(() => PduDecoder.Decode(Hex(hex))).CommandStatus;

    [Theory]
    [InlineData("0000000F 00000015 00000000 00000001")]
    [InlineData("00000000 00000015 00000000 00000001")]
    [InlineData("00010001 00000015 00000000 00000001")]
    [InlineData("FFFFFFFF 00000015 00000000 00000001")]
    public void Framer_CommandLengthOutOfBounds_IsInvalidCommandLength(string hex)
    {
        var buffer = new ReadOnlySequence<byte>(Hex(hex));
        var error = Assert.Throws<SmppDecodeException>(() => PduFramer.TryReadPdu(ref buffer, out _));
        Assert.Equal(CommandStatus.InvalidCommandLength, error.CommandStatus);
    }

    [Fact]
    public void Framer_ConfiguredMaximum_IsEnforced()
    {
        var pdu = new SubmitSm { DestinationAddr = "1", ShortMessage = new byte[200] }.ToArray();
        var buffer = new ReadOnlySequence<byte>(pdu);
        Assert.Throws<SmppDecodeException>(() => PduFramer.TryReadPdu(ref buffer, out _, maxPduLength: 100));
        Assert.True(PduFramer.TryReadPdu(ref buffer, out var frame, maxPduLength: pdu.Length));
        Assert.Equal(pdu.Length, frame.Length);
    }

    [Fact]
    public void Framer_PartialPdu_WaitsForMore_AcrossSegments()
    {
        var one = new EnquireLink { SequenceNumber = 1 }.ToArray();
        var two = new SubmitSmResp { MessageId = "x", SequenceNumber = 2 }.ToArray();
        var stream = one.Concat(two).ToArray();
        var buffer = Segmented(stream, 3, 10, 17, 20);
        Assert.True(PduFramer.TryReadPdu(ref buffer, out var first));
        Assert.IsType<EnquireLink>(PduDecoder.Decode(first));
        Assert.True(PduFramer.TryReadPdu(ref buffer, out var second));
        Assert.Equal("x", Assert.IsType<SubmitSmResp>(PduDecoder.Decode(second)).MessageId);
        Assert.Equal(0, buffer.Length);
        var partial = new ReadOnlySequence<byte>(two, 0, two.Length - 1);
        Assert.False(PduFramer.TryReadPdu(ref partial, out _));
        var three = new ReadOnlySequence<byte>(two, 0, 3);
        Assert.False(PduFramer.TryReadPdu(ref three, out _));
    }

    [Fact]
    public void CString_WithoutNulWithinMaximum_IsRejectedWithFieldStatus()
    {
        // system_id is at most 16 octets with its NUL (§5.2.1): 16 letters and no NUL is malformed.
        Assert.Equal(CommandStatus.InvalidSystemId,
            StatusOf("00000027 00000009 00000000 00000001 41414141414141414141414141414141 7000 00 34 00 00 00"));
        // password at most 9 (§5.2.2)
        Assert.Equal(CommandStatus.InvalidPassword,
            StatusOf("00000021 00000009 00000000 00000001 4100 70707070707070707070 00 34 00 00 00"));
    }

    [Fact]
    public void CString_RunningOffTheEnd_IsRejected()
    {
        // data_sm_resp; a submit_sm_resp's id is read to the end instead (see PduVectorTests).
        Assert.Equal(CommandStatus.InvalidMessageId, StatusOf("00000013 80000103 00000000 00000001 616263"));
    }

    [Fact]
    public void TruncatedBody_IsInvalidCommandLength_AndCarriesTheHeader()
    {
        var full = new SubmitSm { DestinationAddr = "123", ShortMessage = "hello"u8.ToArray(), SequenceNumber = 42 }.ToArray();
        for (var cut = 17; cut < full.Length; cut++)
        {
            var truncated = full[..cut];
            truncated[3] = (byte)cut; // command_length agrees with what is there, so only the body is short
            var error = Assert.Throws<SmppDecodeException>(() => PduDecoder.Decode(truncated));
            Assert.Equal(42u, error.Header?.SequenceNumber);
        }
    }

    [Fact]
    public void CommandLength_DisagreeingWithFrame_IsRejected()
    {
        Assert.Equal(CommandStatus.InvalidCommandLength, StatusOf("00000011 00000015 00000000 00000001"));
    }

    [Fact]
    public void UnknownCommandId_IsInvalidCommandId()
    {
        var error = Assert.Throws<SmppDecodeException>(() => PduDecoder.Decode(Hex("00000010 00000777 00000000 00000005")));
        Assert.Equal(CommandStatus.InvalidCommandId, error.CommandStatus);
        Assert.Equal(5u, error.Header?.SequenceNumber);
    }

    [Fact]
    public void TrailingOctets_AfterAFixedBody_AreRejected()
    {
        Assert.Equal(CommandStatus.InvalidCommandLength, StatusOf("00000011 00000015 00000000 00000001 00"));
    }

    [Fact]
    public void TlvOverrunningTheBody_IsInvalidOptionalStream()
    {
        Assert.Equal(CommandStatus.InvalidOptionalStream, StatusOf("00000017 80000009 00000000 00000001 5300 0210 0005 34"));
        Assert.Equal(CommandStatus.InvalidOptionalStream, StatusOf("00000015 80000009 00000000 00000001 5300 02 10 00"));
    }

    [Fact]
    public void TlvWithWrongFixedLength_IsInvalidParameterLength()
    {
        Assert.Equal(CommandStatus.InvalidParameterLength, StatusOf("00000018 80000009 00000000 00000001 5300 0210 0002 3434"));
    }

    [Fact]
    public void SmLengthAbove254_IsInvalidMessageLength()
    {
        var pdu = new SubmitSm { DestinationAddr = "1", ShortMessage = new byte[254] }.ToArray();
        var grown = pdu.Concat(new byte[1]).ToArray();
        grown[3] = (byte)(grown.Length & 0xFF);
        grown[2] = (byte)(grown.Length >> 8);
        grown[16 + 17] = 255; // sm_length follows 17 octets of fields when every string is empty but "1"
        Assert.Equal(CommandStatus.InvalidMessageLength,
            Assert.Throws<SmppDecodeException>(() => PduDecoder.Decode(grown)).CommandStatus);
    }

    [Fact]
    public void Encoding_OverlongFields_FailsInTheCaller()
    {
        Assert.Throws<ArgumentException>(() => new Bind { SystemId = new string('a', 16) }.ToArray());
        Assert.Throws<ArgumentException>(() => new SubmitSm { DestinationAddr = new string('1', 21) }.ToArray());
        Assert.Throws<ArgumentException>(() => new SubmitSm { ShortMessage = new byte[255] }.ToArray());
        Assert.Throws<ArgumentException>(() => new SubmitSm { SourceAddr = "中" }.ToArray());
    }
}
