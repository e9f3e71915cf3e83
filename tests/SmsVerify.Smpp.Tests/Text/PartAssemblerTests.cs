using Microsoft.Extensions.Time.Testing;
using SmsVerify.Smpp.Tests.Support;
using SmsVerify.Smpp.Text;

namespace SmsVerify.Smpp.Tests.Text;

public class PartAssemblerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));

    private PartAssembler Assembler(int maxPending = 10) => new(maxPending, TimeSpan.FromMinutes(1), _clock);

    [Fact]
    public void Add_PartsOutOfOrder_CompleteInSequenceOrder()
    {
        var assembler = Assembler();
        Assert.Equal(AssembleOutcome.Waiting, assembler.Add("a>b", new MessagePart(7, 3, 3), "three").Outcome);
        Assert.Equal(AssembleOutcome.Waiting, assembler.Add("a>b", new MessagePart(7, 3, 1), "one ").Outcome);
        Assert.Equal(new AssembleResult(AssembleOutcome.Complete, "one two three"), assembler.Add("a>b", new MessagePart(7, 3, 2), "two "));
        Assert.Equal(0, assembler.PendingCount);
    }

    [Fact]
    public void Add_SameReferenceFromAnotherKey_IsAnotherMessage()
    {
        var assembler = Assembler();
        assembler.Add("a>b", new MessagePart(7, 2, 1), "a1");
        assembler.Add("c>b", new MessagePart(7, 2, 1), "c1");
        Assert.Equal("c1c2", assembler.Add("c>b", new MessagePart(7, 2, 2), "c2").Text);
        Assert.Equal(1, assembler.PendingCount);
    }

    [Fact]
    public void Add_PartHeldAlready_IsDuplicate_AndTheFirstCopyIsKept()
    {
        var assembler = Assembler();
        assembler.Add("k", new MessagePart(1, 2, 1), "first");
        Assert.Equal(AssembleOutcome.Duplicate, assembler.Add("k", new MessagePart(1, 2, 1), "again").Outcome);
        Assert.Equal("first+", assembler.Add("k", new MessagePart(1, 2, 2), "+").Text);
    }

    [Fact]
    public void Add_SameReferenceWithAnotherTotal_IsInconsistent()
    {
        var assembler = Assembler();
        assembler.Add("k", new MessagePart(1, 2, 1), "x");
        Assert.Equal(AssembleOutcome.Inconsistent, assembler.Add("k", new MessagePart(1, 3, 2), "y").Outcome);
        Assert.Equal(1, assembler.PendingCount);
    }

    [Fact]
    public void Add_NewMessageBeyondTheLimit_IsFull_ButPartsOfHeldMessagesStillCount()
    {
        var assembler = Assembler(maxPending: 2);
        assembler.Add("k", new MessagePart(1, 2, 1), "a");
        assembler.Add("k", new MessagePart(2, 2, 1), "b");
        Assert.Equal(AssembleOutcome.Full, assembler.Add("k", new MessagePart(3, 2, 1), "c").Outcome);
        Assert.Equal(AssembleOutcome.Complete, assembler.Add("k", new MessagePart(1, 2, 2), "a").Outcome);
        Assert.Equal(AssembleOutcome.Waiting, assembler.Add("k", new MessagePart(3, 2, 1), "c").Outcome);
    }

    [Fact]
    public void Add_AfterTheHoldTime_DropsTheOldMessage_AndDropExpiredReportsIt()
    {
        var assembler = Assembler(maxPending: 1);
        assembler.Add("k", new MessagePart(1, 2, 1), "old");
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(assembler.DropExpired());
        _clock.Advance(TimeSpan.FromSeconds(1));
        // The held part expired: the late second part starts a new message instead of completing the old one.
        Assert.Equal(AssembleOutcome.Waiting, assembler.Add("k", new MessagePart(1, 2, 2), "late").Outcome);
        Assert.Equal(["k ref 1: 1/2 parts"], assembler.DropExpired());
        Assert.Empty(assembler.DropExpired());
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(["k ref 1: 1/2 parts"], assembler.DropExpired());
        Assert.Equal(0, assembler.PendingCount);
    }

    [Fact]
    public void Add_PartOutsideItsTotal_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Assembler().Add("k", new MessagePart(1, 2, 3), "x"));

    [Fact]
    public void Add_FromManyThreads_CompletesEachMessageOnce()
    {
        var assembler = Assembler(maxPending: 1000);
        var completed = 0;
        Parallel.For(0, 400, i =>
        {
            if (assembler.Add("k", new MessagePart(i / 4, 4, (i % 4) + 1), "p").Outcome == AssembleOutcome.Complete)
            {
                Interlocked.Increment(ref completed);
            }
        });
        Assert.Equal(100, completed);
        Assert.Equal(0, assembler.PendingCount);
    }
}
