using System.Diagnostics;

namespace SmsVerify.Server.Messages;

/// <summary>
/// Spans that follow a message past its API call: the submit to a carrier runs in the trace of the request that
/// accepted it. The request's context rides on the message in memory (<see cref="MessageRecord.Trace"/>) through
/// the handover to this node's delivery worker; a message claimed from the queue (after a restart, or by another
/// node) starts a trace of its own, tagged with the message id to find the rest.
/// </summary>
public static class MessageTracing
{
    public const string SourceName = "SmsVerify.Messages";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>The span of one submit attempt; null when no one records traces.</summary>
    public static Activity? StartSubmit(MessageRecord message)
    {
        if (!Source.HasListeners())
        {
            return null;
        }
        // Not the span that happened to be current (a handover runs on whichever submit freed its slot).
        Activity.Current = null;
        var activity = Source.StartActivity("message submit", ActivityKind.Producer, message.Trace ?? default);
        activity?.SetTag("smsverify.message.id", message.Id);
        activity?.SetTag("smsverify.message.attempt", message.Attempts);
        return activity;
    }
}
