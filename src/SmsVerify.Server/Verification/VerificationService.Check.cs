using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Phones;

namespace SmsVerify.Server.Verification;

/// <summary>
/// Checks, reads and cancels. A state change is one conditional UPDATE that only applies to a still-pending
/// verification, so concurrent checks on any number of nodes approve a code at most once and never count more
/// wrong attempts than allowed.
/// </summary>
internal sealed partial class VerificationService
{
    /// <summary>Submitted codes longer than this are refused as input rather than counted as a guess.</summary>
    public const int MaxSubmittedCodeLength = 32;

    public async Task<Outcome<VerificationView>> CheckAsync(Guid tenantId, CheckVerificationRequest request, CancellationToken cancellationToken)
    {
        if (request.Id is null == string.IsNullOrEmpty(request.To))
        {
            return ProblemTypes.Invalid("id", "Give either id or to (the number the code was sent to), not both.");
        }
        if (string.IsNullOrEmpty(request.Code) || request.Code.Length > MaxSubmittedCodeLength)
        {
            return ProblemTypes.Invalid("code", $"code is required, at most {MaxSubmittedCodeLength} characters.");
        }
        return await OnOneConnectionAsync(() => CheckValidAsync(tenantId, request, cancellationToken), cancellationToken);
    }

    private async Task<Outcome<VerificationView>> CheckValidAsync(Guid tenantId, CheckVerificationRequest request, CancellationToken cancellationToken)
    {
        var found = await FindAsync(tenantId, request.Id, request.To, cancellationToken);
        if (found.Error is not null)
        {
            return found.Error;
        }
        var verification = found.Value!;
        var now = clock.UtcNowForStorage();
        if (verification.Status != VerificationStatus.Pending || verification.ExpiresAt <= now)
        {
            return await NotPendingAsync(verification, now, cancellationToken);
        }
        if (await limits.CheckLockAsync(tenantId, verification.To, now, cancellationToken) is { } locked)
        {
            return locked;
        }
        var max = _options.MaxCheckAttempts;
        var id = verification.Id;
        if (codes.Matches(id, request.Code!, verification.CodeHash))
        {
            // The hottest write there is: group-committed with the other checks and sends of the moment, and
            // written as SQL because LINQ's ExecuteUpdate costs ~95 µs of translation on every call, and the
            // batch runs its writes one after another. Quoted names and typed parameters work on both engines.
            var pending = nameof(VerificationStatus.Pending);
            var approvedStatus = nameof(VerificationStatus.Approved);
            var approval = audit.Stamp(new AuditEntry("verification.approved", Target(verification), tenantId));
            var approved = await writes.WriteAsync(batch => batch.Database.ExecuteSqlAsync($"""
                UPDATE "verifications" SET "Status" = {approvedStatus}, "CodeSeal" = NULL, "UpdatedAt" = {now}
                WHERE "Id" = {id} AND "Status" = {pending} AND "CheckAttempts" < {max} AND "ExpiresAt" > {now}
                """, CancellationToken.None), updated => updated == 1 ? approval : null);
            if (approved == 1)
            {
                metrics.Approved(byCode: true);
            }
            return approved == 1
                ? VerificationView.From(Approved(verification, now), now, _options)
                : await NotPendingAsync(await ReloadAsync(id, cancellationToken), now, cancellationToken);
        }
        var wrong = await CountWrongAttemptAsync(verification, now, cancellationToken);
        // Only a guess the verification counted counts toward the number's lock; one at an ended verification did not.
        var counted = wrong.Error is null || wrong.Error.Type == ProblemTypes.MaxCheckAttempts;
        return counted && await limits.CountFailedCheckAsync(verification, now, cancellationToken) is { } unavailable ? unavailable : wrong;
    }

    /// <summary>
    /// Counts a wrong code with compare-and-swap on the attempt counter, so that each counted attempt has its own
    /// number and exactly one caller learns it used the last one, however many check at once.
    /// </summary>
    private async Task<Outcome<VerificationView>> CountWrongAttemptAsync(VerificationRecord verification, DateTime now, CancellationToken cancellationToken)
    {
        var max = _options.MaxCheckAttempts;
        var id = verification.Id;
        while (true)
        {
            var seen = verification.CheckAttempts;
            var last = seen + 1 >= max;
            var entry = new AuditEntry(last ? "verification.max_attempts_reached" : "verification.check_failed",
                Target(verification), verification.TenantId, $"attempt={seen + 1}");
            var counted = await audit.RunAsync(db, async () =>
            {
                var updated = await db.Verifications
                    .Where(v => v.Id == id && v.Status == VerificationStatus.Pending && v.CheckAttempts == seen)
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(v => v.CheckAttempts, seen + 1)
                        .SetProperty(v => v.Status, last ? VerificationStatus.MaxAttemptsReached : VerificationStatus.Pending)
                        .SetProperty(v => v.CodeSeal, v => last ? null : v.CodeSeal)
                        .SetProperty(v => v.UpdatedAt, now), cancellationToken);
                return (updated, updated == 1 ? entry : null);
            }, cancellationToken);
            if (counted == 1)
            {
                verification.CheckAttempts = seen + 1;
                return last
                    ? ProblemTypes.MaxCheckAttempts.With($"That was the last of {max} check attempts; verification {id} is over.") with
                    {
                        Extensions = new Dictionary<string, object?> { ["verificationId"] = id, ["verificationStatus"] = VerificationStatus.MaxAttemptsReached },
                    }
                    : VerificationView.From(verification, now, _options);
            }
            // Another check counted first: look again and count on top of it, unless it ended the verification.
            verification = await ReloadAsync(id, cancellationToken);
            if (verification.Status != VerificationStatus.Pending || verification.ExpiresAt <= now)
            {
                return await NotPendingAsync(verification, now, cancellationToken);
            }
        }
    }

    public async Task<Outcome<VerificationView>> GetAsync(Guid tenantId, Guid id, CancellationToken cancellationToken)
    {
        var found = await FindAsync(tenantId, id, null, cancellationToken);
        return found.Error is not null ? found.Error : VerificationView.From(found.Value!, clock.UtcNowForStorage(), _options);
    }

    public Task<Outcome<VerificationView>> CancelAsync(Guid tenantId, Guid id, CancellationToken cancellationToken) =>
        EndAsync(tenantId, id, VerificationStatus.Canceled, "verification.canceled", cancellationToken);

    /// <summary>
    /// Approves without a code: the tenant confirmed the person some other way (Twilio's <c>Status=approved</c>).
    /// Audited apart from an approval by code; the pumping detector's conversion counts it as an approval.
    /// </summary>
    public Task<Outcome<VerificationView>> ApproveWithoutCodeAsync(Guid tenantId, Guid id, CancellationToken cancellationToken) =>
        EndAsync(tenantId, id, VerificationStatus.Approved, "verification.approved_without_code", cancellationToken);

    /// <summary>Ends a pending verification as <paramref name="status"/>; one that is over answers what it became.</summary>
    private async Task<Outcome<VerificationView>> EndAsync(
        Guid tenantId, Guid id, VerificationStatus status, string auditAction, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowForStorage();
        var ended = await audit.RunAsync(db, async () =>
        {
            var updated = await db.Verifications
                .Where(v => v.Id == id && v.TenantId == tenantId && v.Status == VerificationStatus.Pending && v.ExpiresAt > now)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(v => v.Status, status)
                    .SetProperty(v => v.CodeSeal, (byte[]?)null)
                    .SetProperty(v => v.UpdatedAt, now), cancellationToken);
            return (updated, updated == 1 ? new AuditEntry(auditAction, $"verification:{id}", tenantId) : null);
        }, cancellationToken);
        if (ended == 1 && status == VerificationStatus.Approved)
        {
            metrics.Approved(byCode: false);
        }
        var found = await FindAsync(tenantId, id, null, cancellationToken);
        if (found.Error is not null)
        {
            return found.Error;
        }
        return ended == 1 ? VerificationView.From(found.Value!, now, _options) : await NotPendingAsync(found.Value!, now, cancellationToken);
    }

    /// <summary>By id, or the latest verification to a number. Another tenant's verification is not found.</summary>
    private async Task<Outcome<VerificationRecord>> FindAsync(Guid tenantId, Guid? id, string? to, CancellationToken cancellationToken)
    {
        VerificationRecord? verification;
        if (id is { } verificationId)
        {
            verification = await VerificationQueries.ById(db, tenantId, verificationId, cancellationToken);
        }
        else if (PhoneNumberParser.TryParseMobile(to, out var phone))
        {
            verification = await VerificationQueries.LatestTo(db, tenantId, phone, cancellationToken);
        }
        else
        {
            return ProblemTypes.NotAMobileNumber(to);
        }
        return verification is null
            ? ProblemTypes.VerificationNotFound.With(id is null ? $"No verification was sent to {to}." : $"No verification has id {id}.")
            : verification;
    }

    private async Task<VerificationRecord> ReloadAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Verifications.AsNoTracking().FirstAsync(v => v.Id == id, cancellationToken);

    /// <summary>The 409 for a verification that is over; one found past its expiry is marked expired on the way.</summary>
    private async Task<ApiError> NotPendingAsync(VerificationRecord verification, DateTime now, CancellationToken cancellationToken)
    {
        var status = VerificationView.From(verification, now, _options).Status;
        if (status == VerificationStatus.Expired && verification.Status == VerificationStatus.Pending)
        {
            await audit.RunAsync(db, async () =>
            {
                var updated = await db.Verifications.Where(v => v.Id == verification.Id && v.Status == VerificationStatus.Pending)
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(v => v.Status, VerificationStatus.Expired)
                        .SetProperty(v => v.CodeSeal, (byte[]?)null)
                        .SetProperty(v => v.UpdatedAt, now), cancellationToken);
                return (updated, updated == 1 ? new AuditEntry("verification.expired", Target(verification), verification.TenantId) : null);
            }, cancellationToken);
        }
        return ProblemTypes.VerificationNotPending.With($"Verification {verification.Id} is {Snake(status)}.") with
        {
            Extensions = new Dictionary<string, object?> { ["verificationId"] = verification.Id, ["verificationStatus"] = status },
        };
    }

    private static VerificationRecord Approved(VerificationRecord verification, DateTime now)
    {
        verification.Status = VerificationStatus.Approved;
        verification.UpdatedAt = now;
        return verification;
    }

    private static string Snake(VerificationStatus status) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());
}
