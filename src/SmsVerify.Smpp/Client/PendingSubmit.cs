using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Connection;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Client;

/// <summary>One submit_sm from SubmitAsync until its final response (transient errors send it again).</summary>
internal sealed class PendingSubmit(SubmitSm request) : PendingRequest(request)
{
    private readonly TaskCompletionSource<SubmitSmResp> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SubmitSm Submit { get; } = request;
    public Task<SubmitSmResp> Result => _result.Task;
    public int TransientRetries;
    public LinkedListNode<PendingSubmit>? Node;
    public CancellationTokenRegistration Cancellation;

    public override void Complete(Pdu response)
    {
        var resp = response as SubmitSmResp
            // generic_nack answers a submit the SMSC could not parse: report its status the same way.
            ?? new SubmitSmResp
            {
                CommandStatus = response.CommandStatus == 0 ? CommandStatus.UnknownError : response.CommandStatus,
                SequenceNumber = response.SequenceNumber,
                GenericNack = true,
            };
        Cancellation.Dispose();
        _result.TrySetResult(resp);
    }

    public override void Fail(Exception exception)
    {
        Cancellation.Dispose();
        _result.TrySetException(exception);
    }

    public void Cancel(CancellationToken token) => _result.TrySetCanceled(token);
}
