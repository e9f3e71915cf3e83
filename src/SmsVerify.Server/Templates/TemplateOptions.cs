namespace SmsVerify.Server.Templates;

public sealed class TemplateOptions
{
    /// <summary>
    /// Approve, without an auditor, a verification template with no finding at all from an enterprise whose
    /// qualification is approved. Off sends every template to the queue.
    /// </summary>
    public bool AutoApprove { get; set; } = true;
}
