using SmsVerify.Cmpp.Packets;

namespace SmsVerify.Cmpp.Connection;

/// <summary>
/// A request waiting for its response, matched by Sequence_Id. <see cref="Written"/> separates a submit that can go
/// again on the next connection (never written) from one whose outcome is unknown (written, unanswered).
/// </summary>
internal abstract class PendingRequest(Packet request)
{
    private volatile bool _written;

    public Packet Request { get; } = request;

    public bool Written => _written;

    /// <summary>Stopwatch timestamp of when it was handed to the connection, for the response timeout.</summary>
    public long SentAt { get; set; }

    /// <summary>Called by the write loop just before the octets go into the pipe.</summary>
    public void MarkWritten() => _written = true;

    public void MarkUnwritten() => _written = false;

    public abstract void Complete(Packet response);
    public abstract void Fail(Exception exception);
}

/// <summary>A control request (CONNECT, ACTIVE_TEST, TERMINATE, QUERY, CANCEL) whose response is awaited as it comes.</summary>
internal sealed class PendingControl(Packet request) : PendingRequest(request)
{
    private readonly TaskCompletionSource<Packet> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<Packet> Response => _response.Task;

    public override void Complete(Packet response) => _response.TrySetResult(response);
    public override void Fail(Exception exception) => _response.TrySetException(exception);
}
