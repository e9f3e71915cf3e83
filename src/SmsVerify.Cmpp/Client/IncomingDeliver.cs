using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Packets;

namespace SmsVerify.Cmpp.Client;

/// <summary>
/// A CMPP_DELIVER (a status report or an MO message) the ISMG waits to have answered. The application answers with
/// <see cref="Acknowledge"/> once it has kept what it needs; until then the ISMG still owns it and sends it again
/// after a crash rather than losing it.
/// </summary>
public sealed class IncomingDeliver
{
    private readonly Func<DeliverResp, bool> _send;
    private int _answered;

    internal IncomingDeliver(Deliver packet, Func<DeliverResp, bool> send)
    {
        Packet = packet;
        _send = send;
    }

    public Deliver Packet { get; }

    public bool IsStatusReport => Packet.IsStatusReport;

    /// <summary>
    /// Sends CMPP_DELIVER_RESP with <paramref name="result"/>: 0 once kept, or <see cref="SubmitResult.FlowControl"/>
    /// to have the ISMG deliver it later. Only the first call answers; false when the link it came on is gone (the
    /// ISMG then delivers it again by itself).
    /// </summary>
    public bool Acknowledge(uint result = SubmitResult.Ok)
    {
        if (Interlocked.Exchange(ref _answered, 1) != 0)
        {
            return false;
        }
        return _send(new DeliverResp { Version = Packet.Version, SequenceId = Packet.SequenceId, MsgId = Packet.MsgId, Result = result });
    }
}
