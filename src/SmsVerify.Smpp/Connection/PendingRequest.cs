using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Connection;

/// <summary>
/// A request waiting for its response, matched by sequence_number. <see cref="Written"/> is what separates a
/// message that can be sent again on the next connection from one whose outcome is unknown.
/// </summary>
internal abstract class PendingRequest(Pdu request)
{
    public Pdu Request { get; } = request;

    /// <summary>Set by the write loop just before the octets go into the pipe.</summary>
    public volatile bool Written;

    /// <summary>Stopwatch timestamp of when it was handed to the connection, for the response timeout.</summary>
    public long SentAt;

    public abstract void Complete(Pdu response);
    public abstract void Fail(Exception exception);
}

/// <summary>A control request (bind, enquire_link, unbind) whose response is awaited as it comes.</summary>
internal sealed class PendingControl(Pdu request) : PendingRequest(request)
{
    private readonly TaskCompletionSource<Pdu> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<Pdu> Response => _response.Task;

    public override void Complete(Pdu response) => _response.TrySetResult(response);
    public override void Fail(Exception exception) => _response.TrySetException(exception);
}
