using System.Collections.Concurrent;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Gateway;
using SmsVerify.Cmpp.Packets;

namespace SmsVerify.Cmpp.Tests.Sessions;

/// <summary>
/// A hand-written ISMG behaviour for session tests: records every submit it sees, and can flow-control, hold
/// answers or go silent, each on cue. Sessions are numbered in the order they first send something.
/// </summary>
internal sealed class TestGateway : CmppGatewayHandler
{
    private readonly ConcurrentDictionary<CmppGatewaySession, int> _sessionNumbers = new();
    private int _sessionsSeen;
    private int _submits;
    private int _holding;
    private int _maxHolding;

    public ConcurrentQueue<Submit> Received { get; } = new();
    public ConcurrentQueue<(CmppGatewaySession Session, Submit Submit)> Held { get; } = new();
    public ConcurrentQueue<DeliverResp> DeliverResps { get; } = new();
    public int Terminations;

    public int MaxHolding => Volatile.Read(ref _maxHolding);
    public int Submits => Volatile.Read(ref _submits);

    /// <summary>Answer Result 8 (flow control) to the first N submits.</summary>
    public int FlowControlFirst { get; init; }

    /// <summary>Hold submits unanswered; the test answers them with <see cref="ReleaseHeld"/>.</summary>
    public bool HoldAnswers { get; set; }

    /// <summary>On the first connection only: answer nothing after the login (a dead link).</summary>
    public bool FirstSessionGoesSilent { get; init; }

    public int SessionNumber(CmppGatewaySession session) =>
        _sessionNumbers.GetOrAdd(session, _ => Interlocked.Increment(ref _sessionsSeen));

    public override SubmitResp? OnSubmit(CmppGatewaySession session, Submit submit)
    {
        var n = Interlocked.Increment(ref _submits);
        if (FirstSessionGoesSilent && SessionNumber(session) == 1)
        {
            return null;
        }
        if (n <= FlowControlFirst)
        {
            return new SubmitResp { Result = SubmitResult.FlowControl };
        }
        if (HoldAnswers)
        {
            var holding = Interlocked.Increment(ref _holding);
            int current;
            while ((current = Volatile.Read(ref _maxHolding)) < holding && Interlocked.CompareExchange(ref _maxHolding, holding, current) != current)
            {
            }
            Held.Enqueue((session, submit));
            return null;
        }
        Received.Enqueue(submit);
        return base.OnSubmit(session, submit);
    }

    /// <summary>Answers every held submit in arrival order, as the default gateway would have.</summary>
    public void ReleaseHeld()
    {
        while (Held.TryDequeue(out var held))
        {
            Interlocked.Decrement(ref _holding);
            Received.Enqueue(held.Submit);
            var response = base.OnSubmit(held.Session, held.Submit)!;
            held.Session.Reply(held.Submit, response);
            OnSubmitAnswered(held.Session, held.Submit, response);
        }
    }

    public override bool OnActiveTest(CmppGatewaySession session) => !(FirstSessionGoesSilent && SessionNumber(session) == 1);

    public override void OnDeliverResp(CmppGatewaySession session, DeliverResp response) => DeliverResps.Enqueue(response);

    public override void OnTerminated(CmppGatewaySession session) => Interlocked.Increment(ref Terminations);
}
