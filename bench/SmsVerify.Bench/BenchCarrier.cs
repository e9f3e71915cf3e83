using System.Text;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Server;

namespace SmsVerify.Bench;

/// <summary>
/// The carrier of the end-to-end benchmark: the library's in-process SMSC, accepting every submit_sm and sending
/// its delivery receipt at once. It counts what the server acknowledged, which is when a message is settled.
/// </summary>
internal sealed class BenchCarrier : SmppServerHandler
{
    private long _submits;
    private long _receiptsAcked;
    private readonly TaskCompletionSource _allSettled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Expected { get; set; } = long.MaxValue;

    public long Submits => Interlocked.Read(ref _submits);

    public long ReceiptsAcked => Interlocked.Read(ref _receiptsAcked);

    public Task AllSettled => _allSettled.Task;

    public override SubmitSmResp? OnSubmitSm(SmppServerSession session, SubmitSm submit)
    {
        Interlocked.Increment(ref _submits);
        return new SubmitSmResp { MessageId = NextMessageId() };
    }

    public override void OnSubmitSmAnswered(SmppServerSession session, SubmitSm submit, SubmitSmResp response) =>
        session.Send(new DeliverSm
        {
            SourceAddr = submit.DestinationAddr,
            DestinationAddr = submit.SourceAddr,
            EsmClass = DeliverSm.EsmClassDeliveryReceipt,
            ShortMessage = Encoding.ASCII.GetBytes(
                $"id:{response.MessageId} sub:001 dlvrd:001 submit date:2611231200 done date:2611231200 stat:DELIVRD err:000 text:"),
        });

    public override void OnDeliverSmResp(SmppServerSession session, DeliverSmResp response)
    {
        if (response.CommandStatus == CommandStatus.Ok && Interlocked.Increment(ref _receiptsAcked) == Expected)
        {
            _allSettled.TrySetResult();
        }
    }
}
