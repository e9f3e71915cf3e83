using SmsVerify.Server.Billing;

namespace SmsVerify.Server.Messages;

/// <summary>A message as the API and the <c>message.status</c> webhook show it; the cost is in yuan.</summary>
public sealed record MessageView(
    Guid Id, string To, string Signature, string Template, MessageStatus Status, int Segments, decimal Cost, string? Channel, string? ErrorCode,
    bool OutcomeUnknown, Guid? VerificationId, string Text, DateTime CreatedAt, DateTime? SubmittedAt, DateTime? DoneAt)
{
    public const string StatusEvent = "message.status";

    public static MessageView From(MessageRecord m) => new(m.Id, m.To, m.Signature, m.Template, m.Status, m.Segments, Money.ToYuan(m.Cost),
        m.Channel, m.ErrorCode, m.OutcomeUnknown, m.VerificationId, m.MaskedText, m.CreatedAt, m.SubmittedAt, m.DoneAt);
}
