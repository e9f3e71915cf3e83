using System.Diagnostics;

namespace SmsVerify.Server.Messages;

/// <summary>
/// Spans that follow a message past its API call: its submit to a carrier and the receipt that settles it run in
/// the trace of the request that accepted it. On this node's handover the request's context rides on the message
/// in memory (<see cref="MessageRecord.Trace"/>); a message claimed from the queue (after a restart, or by another
/// node) and its receipt find it in the stored <see cref="MessageRecord.TraceParent"/>, which is written only when
/// the request's span was recorded. Without one they start traces of their own, tagged with the message id.
/// </summary>
public static class MessageTracing
{
    public const string SourceName = "SmsVerify.Messages";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Whether anyone records these spans; checked before reading anything only they need.</summary>
    public static bool Listening => Source.HasListeners();

    /// <summary>
    /// The <c>traceparent</c> to store with a message accepted under <paramref name="request"/>, or null when that
    /// span is not recorded (no tracing, or not sampled): then nobody will look for its trace.
    /// </summary>
    public static string? TraceParentOf(Activity? request) =>
        request is { Recorded: true, IdFormat: ActivityIdFormat.W3C } ? request.Id : null;

    /// <summary>The span of one submit attempt; null when no one records traces.</summary>
    public static Activity? StartSubmit(MessageRecord message)
    {
        if (!Source.HasListeners())
        {
            return null;
        }
        // Not the span that happened to be current (a handover runs on whichever submit freed its slot).
        Activity.Current = null;
        var activity = Source.StartActivity("message submit", ActivityKind.Producer, message.Trace ?? Parse(message.TraceParent));
        activity?.SetTag("smsverify.message.id", message.Id);
        activity?.SetTag("smsverify.message.attempt", message.Attempts);
        return activity;
    }

    /// <summary>Marks a submit span whose message ended there, failed or expired, without reaching a carrier.</summary>
    public static void Ended(Activity? submit, MessageStatus status, string errorCode)
    {
        if (submit is null)
        {
            return;
        }
        submit.SetTag("smsverify.message.status", MessageMetrics.StatusName(status));
        submit.SetTag("smsverify.message.error_code", errorCode);
        submit.SetStatus(ActivityStatusCode.Error, errorCode);
    }

    /// <summary>
    /// A receipt settling a message: a span of its own in the message's trace, as the write that settles it runs.
    /// Only called while <see cref="Listening"/>; the caller read <paramref name="traceParent"/> for it.
    /// </summary>
    public static void Receipt(string? traceParent, Guid messageId, MessageStatus status, string? errorCode)
    {
        using var activity = Source.StartActivity("message receipt", ActivityKind.Consumer, Parse(traceParent));
        if (activity is null)
        {
            return;
        }
        activity.SetTag("smsverify.message.id", messageId);
        activity.SetTag("smsverify.message.status", MessageMetrics.StatusName(status));
        if (errorCode is not null)
        {
            activity.SetTag("smsverify.message.error_code", errorCode);
            activity.SetStatus(ActivityStatusCode.Error, errorCode);
        }
    }

    private static ActivityContext Parse(string? traceParent) =>
        ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;
}
