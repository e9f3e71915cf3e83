using System.Buffers;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Tests.Codec;

/// <summary>
/// Deterministic fuzzing (fixed seeds): random and mutated PDUs must only ever produce a PDU or an
/// <see cref="SmppDecodeException"/>, and the framer must consume exactly what it returns.
/// </summary>
public class FuzzTests
{
    private static Pdu[] Samples() =>
    [
        new Bind { SystemId = "esme", Password = "secret", SystemType = "OTP", AddressRange = "86" },
        new BindResp { SystemId = "smsc", Tlvs = new() { ScInterfaceVersion = 0x34 } },
        new SubmitSm { SourceAddr = "SmsVerify", DestinationAddr = "8613800000000", RegisteredDelivery = 1, ShortMessage = new byte[] { 5, 0, 3, 1, 2, 1, 0x4E, 0x2D },
            EsmClass = 0x40, DataCoding = 8, Tlvs = new() { SarMsgRefNum = 7, SarTotalSegments = 2, SarSegmentSeqnum = 1 } },
        new SubmitSmResp { MessageId = "0123456789" },
        new DeliverSm { SourceAddr = "1", DestinationAddr = "2", EsmClass = 4, ShortMessage = "id:1 stat:DELIVRD"u8.ToArray(),
            Tlvs = new() { ReceiptedMessageId = "1", MessageState = MessageState.Delivered, NetworkErrorCode = new(3, 1),
                Others = [new Tlv(0x1400, new byte[] { 1, 2, 3 })] } },
        new DeliverSmResp(),
        new DataSm { SourceAddr = "1", DestinationAddr = "2", Tlvs = new() { MessagePayload = new byte[40] } },
        new DataSmResp { MessageId = "9" },
        new QuerySm { MessageId = "9", SourceAddr = "1" },
        new QuerySmResp { MessageId = "9", FinalDate = "2611231200000+" },
        new CancelSm { MessageId = "9", SourceAddr = "1", DestinationAddr = "2" }, new CancelSmResp(),
        new EnquireLink(), new EnquireLinkResp(), new Unbind(), new UnbindResp(), new GenericNack(),
        new Outbind { SystemId = "s", Password = "p" },
    ];

    private static void DecodeSafely(byte[] data)
    {
        try
        {
            PduDecoder.Decode(data);
        }
        catch (SmppDecodeException)
        {
        }
    }

    [Fact]
    public void MutatedPdus_OnlyEverFailWithDecodeError()
    {
        var random = new Random(20261123);
        var samples = Samples().Select(p => p.ToArray()).ToArray();
        for (var i = 0; i < 20_000; i++)
        {
            var data = (byte[])samples[random.Next(samples.Length)].Clone();
            switch (random.Next(4))
            {
                case 0: // flip bytes in the body, keeping the length honest
                    for (var n = random.Next(1, 4); n > 0 && data.Length > 16; n--)
                    {
                        data[random.Next(16, data.Length)] = (byte)random.Next(256);
                    }
                    break;
                case 1: // truncate and fix command_length so the body itself is short
                    data = data[..random.Next(16, data.Length + 1)];
                    data[0] = 0; data[1] = 0; data[2] = (byte)(data.Length >> 8); data[3] = (byte)data.Length;
                    break;
                case 2: // append garbage that looks like TLVs
                    var extra = new byte[random.Next(1, 12)];
                    random.NextBytes(extra);
                    data = [.. data, .. extra];
                    data[2] = (byte)(data.Length >> 8); data[3] = (byte)data.Length;
                    break;
                default: // anything at all, header included
                    data[random.Next(data.Length)] = (byte)random.Next(256);
                    break;
            }
            DecodeSafely(data);
        }
    }

    [Fact]
    public void RandomBodies_UnderEveryCommandId_OnlyEverFailWithDecodeError()
    {
        var random = new Random(42);
        uint[] ids = [.. Samples().Select(p => p.CommandId), 0x00000777, 0x80000777];
        for (var i = 0; i < 20_000; i++)
        {
            var data = new byte[16 + random.Next(0, 80)];
            random.NextBytes(data);
            var id = ids[random.Next(ids.Length)];
            data[0] = 0; data[1] = 0; data[2] = (byte)(data.Length >> 8); data[3] = (byte)data.Length;
            data[4] = (byte)(id >> 24); data[5] = (byte)(id >> 16); data[6] = (byte)(id >> 8); data[7] = (byte)id;
            // Sprinkle NULs so that C-strings sometimes terminate and deeper fields get exercised.
            for (var k = 16; k < data.Length; k++)
            {
                if (random.Next(3) == 0)
                {
                    data[k] = 0;
                }
            }
            DecodeSafely(data);
        }
    }

    [Fact]
    public void Framer_OnRandomStreams_ConsumesExactlyWhatItReturns()
    {
        var random = new Random(7);
        var samples = Samples().Select(p => p.ToArray()).ToArray();
        for (var i = 0; i < 5_000; i++)
        {
            var stream = new List<byte>();
            for (var n = random.Next(1, 6); n > 0; n--)
            {
                stream.AddRange(samples[random.Next(samples.Length)]);
            }
            var data = stream.ToArray();
            if (random.Next(2) == 0)
            {
                data[random.Next(data.Length)] = (byte)random.Next(256); // maybe corrupt a length
            }
            var cuts = Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(1, data.Length)).Distinct().Order().ToArray();
            var buffer = Support.Bytes.Segmented(data, cuts);
            long framed = 0;
            try
            {
                while (PduFramer.TryReadPdu(ref buffer, out var frame, 4096))
                {
                    Assert.InRange(frame.Length, 16, 4096);
                    framed += frame.Length;
                    try
                    {
                        PduDecoder.Decode(frame);
                    }
                    catch (SmppDecodeException)
                    {
                    }
                }
            }
            catch (SmppDecodeException e)
            {
                Assert.Equal(CommandStatus.InvalidCommandLength, e.CommandStatus);
            }
            Assert.Equal(data.Length, framed + buffer.Length);
        }
    }
}
