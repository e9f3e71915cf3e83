using SmsVerify.Server.Qualifications;
using SmsVerify.Server.Review;

namespace SmsVerify.Server.Signatures;

/// <summary>Signatures in the queue, with their proof documents (trademark certificate, power of attorney, …).</summary>
internal sealed class SignatureReviewKind(ReviewServices services) : ReviewKind<Signature>(services)
{
    public const string KindName = "signature";

    public override string Kind => KindName;

    protected override object View(Signature entity) => SignatureView.From(entity);

    protected override Task<IReadOnlyList<DocumentRef>> DocumentsAsync(Signature entity, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DocumentRef>>(entity.Documents);
}
