using System.Buffers;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Packets;
using SmsVerify.Cmpp.Text;

namespace SmsVerify.Cmpp.Tests.Codec;

/// <summary>
/// Deterministic fuzzing (fixed seeds): random and mutated packets only ever decode or fail with
/// <see cref="CmppDecodeException"/>, in both versions, as does reading a DELIVER's text, parts and report; and the
/// framer consumes exactly what it returns.
/// </summary>
public class FuzzTests
{
    private static readonly StatusReport Report = new(1, ReportStat.Delivered, "2612070809", "2612070810", "13800138000", 7);

    private static Packet[] Samples(CmppVersion version) =>
    [
        Connect.Create("901234", "secret", DateTime.Now, version),
        new ConnectResp { Version = version, AuthenticatorIsmg = new byte[16] },
        new Submit { Version = version, ServiceId = "SMSV", MsgSrc = "901234", SrcId = "10690001", DestTerminalIds = ["13800138000", "13900139000"],
            TpUdhi = 1, MsgFmt = MsgFmt.Ucs2, MsgContent = new byte[] { 5, 0, 3, 1, 2, 1, 0x4E, 0x2D } },
        new SubmitResp { Version = version, MsgId = 42 },
        new Deliver { Version = version, DestId = "10690001", SrcTerminalId = "13800138000", MsgContent = "TD"u8.ToArray() },
        Deliver.ForReport(Report, "10690001", version),
        new DeliverResp { Version = version, MsgId = 42 },
        new Query { Time = "20261207", QueryCode = "SMSV" }, new QueryResp { Time = "20261207" },
        new Cancel { MsgId = 42 }, new CancelResp { Version = version },
        new ActiveTest(), new ActiveTestResp(), new Terminate(), new TerminateResp(),
    ];

    private static void DecodeSafely(byte[] data, CmppVersion version)
    {
        try
        {
            if (PacketDecoder.Decode(data, version) is Deliver deliver)
            {
                // What the application does next with a DELIVER must not throw either, except a report's decode error.
                CmppText.Decode(deliver.MsgContent.Span, deliver.MsgFmt, deliver.TpUdhi == 1);
                ConcatenatedPart.TryRead(deliver.MsgContent.Span, out _);
                if (deliver.IsStatusReport)
                {
                    _ = deliver.ReadStatusReport().DoneAt;
                }
            }
        }
        catch (CmppDecodeException)
        {
        }
    }

    [Theory]
    [InlineData(CmppVersion.V20)]
    [InlineData(CmppVersion.V30)]
    public void MutatedPackets_OnlyEverFailWithDecodeError(CmppVersion version)
    {
        var random = new Random(20261207);
        var samples = Samples(version).Select(p => p.ToArray()).ToArray();
        for (var i = 0; i < 20_000; i++)
        {
            var data = (byte[])samples[random.Next(samples.Length)].Clone();
            switch (random.Next(3))
            {
                case 0: // change a few body octets (the Msg_Length and DestUsr_tl counts among them), length kept honest
                    for (var n = random.Next(1, 4); n > 0 && data.Length > 12; n--)
                    {
                        data[random.Next(12, data.Length)] = (byte)random.Next(256);
                    }
                    break;
                case 1: // cut the body short and say so in Total_Length
                    data = data[..random.Next(12, data.Length + 1)];
                    SetLength(data);
                    break;
                default: // any octet at all, the header included
                    data[random.Next(data.Length)] = (byte)random.Next(256);
                    break;
            }
            DecodeSafely(data, version);
        }
    }

    [Fact]
    public void RandomBodies_UnderEveryCommandId_OnlyEverFailWithDecodeError()
    {
        var random = new Random(42);
        uint[] ids = [.. Samples(CmppVersion.V30).Select(p => p.CommandId), 0x00000777, 0x80000777];
        for (var i = 0; i < 20_000; i++)
        {
            var data = new byte[12 + random.Next(0, 300)];
            random.NextBytes(data);
            SetLength(data);
            var id = ids[random.Next(ids.Length)];
            data[4] = (byte)(id >> 24); data[5] = (byte)(id >> 16); data[6] = (byte)(id >> 8); data[7] = (byte)id;
            DecodeSafely(data, random.Next(2) == 0 ? CmppVersion.V20 : CmppVersion.V30);
        }
    }

    [Fact]
    public void Framer_OnRandomStreams_ConsumesExactlyWhatItReturns()
    {
        var random = new Random(7);
        var samples = Samples(CmppVersion.V30).Select(p => p.ToArray()).ToArray();
        for (var i = 0; i < 5_000; i++)
        {
            var data = Enumerable.Range(0, random.Next(1, 6)).SelectMany(_ => samples[random.Next(samples.Length)]).ToArray();
            if (random.Next(2) == 0)
            {
                data[random.Next(data.Length)] = (byte)random.Next(256); // maybe corrupt a length
            }
            var buffer = new ReadOnlySequence<byte>(data);
            long framed = 0;
            try
            {
                while (PacketFramer.TryReadPacket(ref buffer, out var frame, 1024))
                {
                    Assert.InRange(frame.Length, 12, 1024);
                    framed += frame.Length;
                }
            }
            catch (CmppDecodeException)
            {
                // Total_Length out of bounds: what was framed before it still adds up.
            }
            Assert.Equal(data.Length, framed + buffer.Length);
        }
    }

    private static void SetLength(byte[] data)
    {
        data[0] = (byte)(data.Length >> 24); data[1] = (byte)(data.Length >> 16); data[2] = (byte)(data.Length >> 8); data[3] = (byte)data.Length;
    }
}
