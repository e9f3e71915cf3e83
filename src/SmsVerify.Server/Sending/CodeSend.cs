using SmsVerify.Server.Audit;
using SmsVerify.Server.Content;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Sending;

/// <summary>
/// The lifecycle of a verification code on top of its send: the pipeline asks it for the code and stores what it
/// keeps about the code in the send's own transaction. Verification implements it; the pipeline knows nothing of
/// verifications beyond this.
/// </summary>
internal abstract class CodeSend
{
    /// <summary>The code's length as requested: what the values are checked and priced with before the code is known.</summary>
    public abstract int RequestedLength { get; }

    /// <summary>
    /// Runs after the content, recipient and risk checks and before price and limits, so that what it refuses (a
    /// resend too soon) costs nothing. Decides <see cref="Code"/>. <paramref name="content"/> is null for the
    /// built-in sandbox template; <paramref name="fixedCode"/> is the test number's fixed code, if any.
    /// </summary>
    public abstract ValueTask<ApiError?> PrepareAsync(string to, ApprovedContent? content, bool toTestNumber, string? fixedCode, CancellationToken cancellationToken);

    public abstract string Code { get; }

    /// <summary>The verification the message carries a code for.</summary>
    public abstract Guid VerificationId { get; }

    /// <summary>When the code stops being worth sending.</summary>
    public abstract DateTime ExpiresAt { get; }

    /// <summary>
    /// Inside the send's transaction, once it is charged: the lifecycle's own changes (a resend, a replaced code).
    /// Returns a new row to insert with the message, if any. Called again if the batch is retried alone.
    /// </summary>
    public abstract Task<object?> StoreAsync(AppDbContext db, DateTime now);

    /// <summary>The send's audit record.</summary>
    public abstract AuditEntry Audit { get; }
}
