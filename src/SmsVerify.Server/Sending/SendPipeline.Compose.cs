using System.Diagnostics;
using SmsVerify.Server.Autofill;
using SmsVerify.Server.Content;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Sandbox;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Sending;

// The messages of a send: one per recipient, queued for a carrier, delivered to a test number's inbox at once, or
// refused for that recipient alone. The log keeps the text with any code masked; the whole text waits sealed.
internal sealed partial class SendPipeline
{
    private List<MessageRecord> Compose(SendRequest request, ApprovedContent? content, Dictionary<string, string> values, List<Recipient> recipients, DateTime now)
    {
        var (text, masked) = Render(request.Code, content, values, now);
        if (request.AppHash is { } hash)
        {
            (text, masked) = (AppHash.Append(text, hash), AppHash.Append(masked, hash));
        }
        var segments = Segments.Count(text);
        var signature = content?.Signature ?? SandboxTemplate.Signature;
        var template = content?.Template ?? SandboxTemplate.TemplateCode;
        var messages = new List<MessageRecord>(recipients.Count);
        foreach (var recipient in recipients)
        {
            var id = request.MessageId is { } preset && recipients.Count == 1 ? preset : Guid.CreateVersion7();
            var message = recipient.RefusedFor is { } reason ? Refused(request.TenantId, signature, template, recipient.To, masked, segments, reason, now, id)
                : recipient.IsTest ? SandboxDelivery.Record(new OutgoingText(request.TenantId, recipient.To, signature, template, text, masked, request.Code?.VerificationId), now, id)
                : Queued(request, content!, recipient.To, text, masked, segments, now, id);
            message.ClientReference = request.ClientReference;
            messages.Add(message);
        }
        return messages;
    }

    /// <summary>The text the phone shows, and the same with the code masked (the same length and alphabet).</summary>
    private static (string Text, string Masked) Render(CodeSend? code, ApprovedContent? content, Dictionary<string, string> values, DateTime now)
    {
        if (code is not null && content is null)
        {
            var validFor = code.ExpiresAt - now;
            return (SandboxTemplate.Render(code.Code, validFor), SandboxTemplate.RenderMasked(code.Code.Length, validFor));
        }
        var codeVariable = content!.Type == TemplateType.Verification ? content.CodeVariable : null;
        if (code is not null)
        {
            values[codeVariable!] = code.Code;
        }
        var text = content.Render(values);
        if (codeVariable is null || !values.TryGetValue(codeVariable, out var shown))
        {
            return (text, text);
        }
        values[codeVariable] = new string('*', shown.Length);
        return (text, content.Render(values));
    }

    private MessageRecord Queued(SendRequest request, ApprovedContent content, string to, string text, string masked, int segments, DateTime now, Guid id)
    {
        var isCode = request.Code is not null || content.Type == TemplateType.Verification;
        return new MessageRecord
        {
            Id = id,
            TenantId = request.TenantId,
            To = to,
            Signature = content.Signature,
            Template = content.Template,
            MaskedText = masked,
            TextSeal = texts.Seal(id, text),
            SourceExtension = content.SourceExtension,
            Segments = segments,
            Status = MessageStatus.Queued,
            VerificationId = request.Code?.VerificationId,
            NotAfter = request.Code?.ExpiresAt,
            Priority = isCode ? MessageRecord.CodePriority : MessageRecord.OtherPriority,
            NextAttemptAt = now,
            CreatedAt = now,
            Trace = Activity.Current?.Context,
            TraceParent = MessageTracing.TraceParentOf(Activity.Current),
        };
    }

    private static MessageRecord Refused(
        Guid tenantId, string signature, string template, string to, string masked, int segments, string reason, DateTime now, Guid? id = null) => new()
        {
            Id = id ?? Guid.CreateVersion7(),
            TenantId = tenantId,
            To = to,
            Signature = signature,
            Template = template,
            MaskedText = masked,
            Segments = segments,
            Status = MessageStatus.Failed,
            ErrorCode = reason,
            CreatedAt = now,
            DoneAt = now,
        };
}
