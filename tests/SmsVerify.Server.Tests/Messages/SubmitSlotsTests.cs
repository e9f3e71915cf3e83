using SmsVerify.Server.Messages;
using SmsVerify.Server.Messages.Delivery;

namespace SmsVerify.Server.Tests.Messages;

/// <summary>
/// The worker's submit slots and what was handed over to it: a handed-over message never waits while a slot is free,
/// whoever frees it. Nothing else wakes such a message (the worker's poll runs on the clock, which may stand still).
/// </summary>
public sealed class SubmitSlotsTests
{
    private readonly List<string> _started = [];
    private readonly SubmitSlots _slots;

    public SubmitSlotsTests() => _slots = new SubmitSlots(2, message => _started.Add(message.To));

    private static MessageRecord Message(string to, int priority = MessageRecord.OtherPriority) =>
        new() { To = to, Signature = "某某科技", Template = "SMS_1", MaskedText = "", Priority = priority };

    [Fact]
    public async Task HandedOverWhileARoundHoldsEverySlot_StartsWhenTheRoundGivesBackWhatItsClaimDidNotUse()
    {
        var asked = _slots.StartHanded(await _slots.TakeAsync(1, 2, CancellationToken.None));
        Assert.Equal(2, asked);

        _slots.Hand([Message("+8613900000001")]);
        Assert.Empty(_started);

        // The round's claim found nothing in the queue.
        _slots.Return(asked);

        Assert.Equal(["+8613900000001"], _started);
    }

    [Fact]
    public void HandedOver_StartAtMostOnePerFreeSlot_TheRestWhenASubmitEnds()
    {
        _slots.Hand([Message("+8613900000001"), Message("+8613900000002"), Message("+8613900000003")]);
        Assert.Equal(["+8613900000001", "+8613900000002"], _started);

        _slots.Return(1);

        Assert.Equal(["+8613900000001", "+8613900000002", "+8613900000003"], _started);
    }

    [Fact]
    public async Task Codes_StartBeforeOtherMessagesHandedOverEarlier()
    {
        var held = await _slots.TakeAsync(2, 2, CancellationToken.None);
        _slots.Hand([Message("+8613900000001"), Message("+8613900000002", MessageRecord.CodePriority)]);

        _slots.Return(1);
        Assert.Equal(["+8613900000002"], _started);
        _slots.Return(held - 1);
        Assert.Equal(["+8613900000002", "+8613900000001"], _started);
    }

    [Fact]
    public async Task ARoundsSlots_GoFirstToWhatWasHandedOver_AndTheRestToItsClaim()
    {
        var taken = await _slots.TakeAsync(2, 2, CancellationToken.None);
        _slots.Hand([Message("+8613900000001")]);
        Assert.Empty(_started);

        var forTheClaim = _slots.StartHanded(taken);

        Assert.Equal(1, forTheClaim);
        Assert.Equal(["+8613900000001"], _started);
    }

    [Fact]
    public async Task ARoundWaitsForASlot_UntilASubmitEnds()
    {
        await _slots.TakeAsync(2, 2, CancellationToken.None);

        var round = _slots.TakeAsync(1, 2, CancellationToken.None);
        Assert.False(round.IsCompleted);
        _slots.Return(1);

        Assert.Equal(1, await round);
    }

    [Fact]
    public async Task OnAStop_WhatNeverStarted_IsTakenBack()
    {
        await _slots.TakeAsync(2, 2, CancellationToken.None);
        _slots.Hand([Message("+8613900000001"), Message("+8613900000002", MessageRecord.CodePriority)]);

        var waiting = _slots.DrainHanded();

        Assert.Equal(["+8613900000002", "+8613900000001"], waiting.ConvertAll(m => m.To));
        _slots.Return(2);
        Assert.Empty(_started);
    }
}
