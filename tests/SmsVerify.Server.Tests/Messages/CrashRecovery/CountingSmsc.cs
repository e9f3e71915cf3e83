using System.Collections.Concurrent;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Server;

namespace SmsVerify.Server.Tests.Messages.CrashRecovery;

/// <summary>
/// The carrier of the crash tests: counts every submit_sm by destination as it arrives, and answers it a little
/// later, as a carrier some way off does, so that a crash always finds submits the carrier has and the server has
/// no answer for.
/// </summary>
internal sealed class CountingSmsc(TimeSpan answerDelay) : SmppServerHandler
{
    private readonly ConcurrentDictionary<string, int> _submits = new();

    /// <summary>Submits received, by destination as the server writes it (<c>86…</c>, no plus).</summary>
    public IReadOnlyDictionary<string, int> Submits => _submits;

    public override SubmitSmResp? OnSubmitSm(SmppServerSession session, SubmitSm submit)
    {
        _submits.AddOrUpdate(submit.DestinationAddr, 1, (_, count) => count + 1);
        var response = new SubmitSmResp { MessageId = NextMessageId(), SequenceNumber = submit.SequenceNumber };
        _ = Task.Delay(answerDelay).ContinueWith(_ => session.Send(response), TaskScheduler.Default);
        return null;
    }
}
