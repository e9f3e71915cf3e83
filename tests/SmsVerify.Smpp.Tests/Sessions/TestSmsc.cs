using System.Collections.Concurrent;
using System.Text;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Receipts;
using SmsVerify.Smpp.Server;

namespace SmsVerify.Smpp.Tests.Sessions;

/// <summary>
/// A hand-written SMSC for session tests: checks credentials, records every submit it sees, and can throttle,
/// hold answers, drop the connection or go silent, each on cue.
/// </summary>
internal sealed class TestSmsc : SmppServerHandler
{
    public const string SystemId = "esme";
    public const string Password = "secret";

    private int _submits;
    private int _binds;
    private int _enquireLinks;
    private int _sessionsSeen;
    private int _holding;
    private int _maxHolding;

    public ConcurrentQueue<(string Text, uint Status, string MessageId)> Received { get; } = new();
    public ConcurrentQueue<(SmppServerSession Session, SubmitSm Submit)> Held { get; } = new();
    public int DeliverSmResps;
    public ConcurrentQueue<uint> DeliverSmRespStatuses { get; } = new();
    public int Unbinds;

    public int Binds => Volatile.Read(ref _binds);
    public int EnquireLinks => Volatile.Read(ref _enquireLinks);
    public int MaxHolding => Volatile.Read(ref _maxHolding);

    /// <summary>Answer ESME_RTHROTTLED to the first N submits.</summary>
    public int ThrottleFirst { get; init; }

    /// <summary>On the first connection only: never answer submits, and drop the link on the Nth one.</summary>
    public int DropFirstSessionAtSubmit { get; init; }

    /// <summary>On the first connection only: answer nothing after the bind (a dead link).</summary>
    public bool FirstSessionGoesSilent { get; init; }

    /// <summary>Hold submits without answering; the test answers them with <see cref="ReleaseHeld"/>.</summary>
    public bool HoldAnswers { get; init; }

    public bool SendReceipts { get; init; }

    public static readonly DateTime ReceiptSubmitDate = new(2026, 11, 23, 12, 0, 0);

    private readonly ConcurrentDictionary<SmppServerSession, int> _sessionNumbers = new();

    private int SessionNumber(SmppServerSession session) =>
        _sessionNumbers.GetOrAdd(session, _ => Interlocked.Increment(ref _sessionsSeen));

    public override uint OnBind(SmppServerSession session, Bind bind)
    {
        SessionNumber(session);
        if (bind.SystemId != SystemId || bind.Password != Password)
        {
            return CommandStatus.InvalidPassword;
        }
        Interlocked.Increment(ref _binds);
        return CommandStatus.Ok;
    }

    public override SubmitSmResp? OnSubmitSm(SmppServerSession session, SubmitSm submit)
    {
        var text = Encoding.Latin1.GetString(submit.ShortMessage.Span);
        var n = Interlocked.Increment(ref _submits);
        var first = SessionNumber(session) == 1;
        if (first && FirstSessionGoesSilent)
        {
            return null;
        }
        if (first && DropFirstSessionAtSubmit > 0)
        {
            Received.Enqueue((text, uint.MaxValue, "")); // seen, never answered
            if (n >= DropFirstSessionAtSubmit)
            {
                session.Abort();
            }
            return null;
        }
        if (n <= ThrottleFirst)
        {
            Received.Enqueue((text, CommandStatus.Throttled, ""));
            return new SubmitSmResp { CommandStatus = CommandStatus.Throttled };
        }
        if (HoldAnswers)
        {
            var holding = Interlocked.Increment(ref _holding);
            InterlockedMax(ref _maxHolding, holding);
            Held.Enqueue((session, submit));
            return null;
        }
        return Accept(text);
    }

    private SubmitSmResp Accept(string text)
    {
        var id = NextMessageId();
        Received.Enqueue((text, CommandStatus.Ok, id));
        return new SubmitSmResp { MessageId = id };
    }

    /// <summary>Answers every held submit, in arrival order.</summary>
    public void ReleaseHeld()
    {
        while (Held.TryDequeue(out var held))
        {
            Interlocked.Decrement(ref _holding);
            var response = Accept(Encoding.Latin1.GetString(held.Submit.ShortMessage.Span));
            response.SequenceNumber = held.Submit.SequenceNumber;
            held.Session.Send(response);
        }
    }

    public override void OnSubmitSmAnswered(SmppServerSession session, SubmitSm submit, SubmitSmResp response)
    {
        if (SendReceipts && response.CommandStatus == CommandStatus.Ok)
        {
            var receipt = DeliveryReceipt.Final(response.MessageId, MessageState.Delivered, ReceiptSubmitDate, ReceiptSubmitDate.AddMinutes(1));
            session.Send(receipt.ToDeliverSm(phone: submit.DestinationAddr, sender: submit.SourceAddr));
        }
    }

    public override bool OnEnquireLink(SmppServerSession session)
    {
        Interlocked.Increment(ref _enquireLinks);
        return !(FirstSessionGoesSilent && SessionNumber(session) == 1);
    }

    public override void OnDeliverSmResp(SmppServerSession session, DeliverSmResp response)
    {
        DeliverSmRespStatuses.Enqueue(response.CommandStatus);
        Interlocked.Increment(ref DeliverSmResps);
    }

    public override void OnUnbound(SmppServerSession session) => Interlocked.Increment(ref Unbinds);

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
