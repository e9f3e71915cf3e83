using SmsVerify.Server.Messages;

namespace SmsVerify.Server.Sandbox;

/// <summary>A text sent to a test number: logged (masked) like any message, and kept whole for the number's inbox.</summary>
public sealed record OutgoingText(Guid TenantId, string To, string Signature, string Template, string Text, string MaskedText, Guid? VerificationId);

public static class SandboxDelivery
{
    public const string Channel = "sandbox";

    /// <summary>The log row for a text to a test number; the caller stores it with its other changes.</summary>
    public static MessageRecord Record(OutgoingText text, DateTime now, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(),
        TenantId = text.TenantId,
        To = text.To,
        Signature = text.Signature,
        Template = text.Template,
        MaskedText = text.MaskedText,
        Segments = Segments.Count(text.Text),
        Channel = Channel,
        Status = MessageStatus.Delivered,
        DoneAt = now,
        SandboxText = text.Text,
        VerificationId = text.VerificationId,
        CreatedAt = now,
    };
}
