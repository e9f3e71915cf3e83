using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages;

namespace SmsVerify.Server.Sandbox;

/// <summary>A text sent to a test number: logged (masked) like any message, and kept whole for the number's inbox.</summary>
public sealed record OutgoingText(Guid TenantId, string To, string Signature, string Template, string Text, string MaskedText, Guid? VerificationId);

public static class SandboxDelivery
{
    public const string Channel = "sandbox";

    /// <summary>Adds the message to the context; it is saved with the caller's other changes, in one transaction.</summary>
    public static MessageRecord Deliver(AppDbContext db, OutgoingText text, DateTime now)
    {
        var message = new MessageRecord
        {
            TenantId = text.TenantId,
            To = text.To,
            Signature = text.Signature,
            Template = text.Template,
            MaskedText = text.MaskedText,
            Segments = Segments.CountUcs2(text.Text),
            Channel = Channel,
            Status = "delivered",
            SandboxText = text.Text,
            VerificationId = text.VerificationId,
            CreatedAt = now,
        };
        db.Messages.Add(message);
        return message;
    }
}
