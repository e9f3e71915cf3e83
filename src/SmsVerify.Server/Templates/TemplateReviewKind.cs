using SmsVerify.Server.Review;

namespace SmsVerify.Server.Templates;

/// <summary>Templates in the queue: an auditor reads the content, its findings and its scenario, and decides.</summary>
internal sealed class TemplateReviewKind(ReviewServices services) : ReviewKind<SmsTemplate>(services)
{
    public const string KindName = "template";

    public override string Kind => KindName;

    protected override object View(SmsTemplate entity) => TemplateView.From(entity);
}
