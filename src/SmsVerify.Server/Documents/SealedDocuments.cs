using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Security;

namespace SmsVerify.Server.Documents;

/// <summary>Personal documents on disk, for a master key rotation.</summary>
internal sealed class SealedDocuments(DocumentStore store) : SealedValues("personal documents")
{
    public override Task<ResealTally> ResealAsync(AppDbContext db, ServerKeys keys, CancellationToken cancellationToken) =>
        store.ResealAsync(cancellationToken);
}
