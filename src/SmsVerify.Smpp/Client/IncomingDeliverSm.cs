using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Client;

/// <summary>
/// A deliver_sm (a delivery receipt or a mobile-originated message) that the SMSC is waiting to have answered.
/// The application answers with <see cref="Acknowledge"/> once it has kept what it needs: until then the SMSC still
/// owns the message, so a crash in between makes it deliver the message again rather than lose it.
/// </summary>
public sealed class IncomingDeliverSm
{
    private readonly Func<DeliverSmResp, bool> _send;
    private int _answered;

    internal IncomingDeliverSm(DeliverSm pdu, Func<DeliverSmResp, bool> send)
    {
        Pdu = pdu;
        _send = send;
    }

    public DeliverSm Pdu { get; }

    public bool IsAcknowledged => Volatile.Read(ref _answered) != 0;

    /// <summary>
    /// Sends deliver_sm_resp with <paramref name="commandStatus"/>: <see cref="CommandStatus.Ok"/> once the message
    /// is kept, or a transient error such as <see cref="CommandStatus.ReceiverTemporaryAppError"/> to have the SMSC
    /// deliver it again later (SMPP v3.4 §4.6.2). Only the first call answers. False when it was answered before or
    /// the connection it came on is gone; the SMSC then delivers it again on its own, so nothing more is needed.
    /// </summary>
    public bool Acknowledge(uint commandStatus = CommandStatus.Ok)
    {
        if (Interlocked.Exchange(ref _answered, 1) != 0)
        {
            return false;
        }
        return _send(new DeliverSmResp { CommandStatus = commandStatus, SequenceNumber = Pdu.SequenceNumber });
    }
}
