using SmsVerify.Cmpp.Connection;
using SmsVerify.Cmpp.Packets;

namespace SmsVerify.Cmpp.Client;

/// <summary>One CMPP_SUBMIT from SubmitAsync until its final response (flow control sends it again).</summary>
internal sealed class PendingSubmit(Submit request) : PendingRequest(request)
{
    private const int Queued = 0, Taken = 1, Withdrawn = 2;

    private readonly TaskCompletionSource<SubmitResp> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    public Submit Submit { get; } = request;
    public Task<SubmitResp> Result => _result.Task;
    public int FlowControlRetries { get; set; }
    public CancellationTokenRegistration Cancellation { get; set; }

    /// <summary>A link takes it off the queue; false if the caller withdrew it first.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    /// <summary>Back in the queue (flow control, or never written on a link that dropped).</summary>
    public void Requeue() => Volatile.Write(ref _state, Queued);

    /// <summary>The caller cancelled: withdraws it only while it is still queued.</summary>
    public void Withdraw(CancellationToken token)
    {
        if (Interlocked.CompareExchange(ref _state, Withdrawn, Queued) == Queued)
        {
            _result.TrySetCanceled(token);
        }
    }

    public override void Complete(Packet response)
    {
        Cancellation.Dispose();
        _result.TrySetResult(response as SubmitResp
            ?? throw new InvalidOperationException($"{response} answered a submit"));
    }

    public override void Fail(Exception exception)
    {
        Cancellation.Dispose();
        _result.TrySetException(exception);
    }
}
