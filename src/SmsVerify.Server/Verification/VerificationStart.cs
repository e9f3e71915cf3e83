using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Content;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Sandbox;
using SmsVerify.Server.Sending;

namespace SmsVerify.Server.Verification;

/// <summary>
/// A verification's code on its way through the send pipeline. A pending code to the same number with the same
/// signature and template is sent again, once its cool-down is over; one with another template, or that the
/// request asks to be of another length or lifetime, is canceled and replaced, so that two codes are never valid
/// side by side and a request never silently gets terms it did not ask for; otherwise a new code is made (a test
/// number's fixed code, if it has one).
/// </summary>
internal sealed class VerificationStart(
    AppDbContext db, VerificationCodes codes, VerificationOptions options, TimeProvider clock, Guid tenantId, CreateVerificationRequest request) : CodeSend
{
    private VerificationRecord? _resent;
    private VerificationRecord? _replaced;
    private VerificationRecord _verification = null!;
    private string _code = "";
    private int _sendCountBefore;

    /// <summary>The verification as it stands once the send is stored.</summary>
    public VerificationRecord Verification => _verification;

    /// <summary>The verification as storing the send leaves it: sent once more, at <paramref name="now"/>.</summary>
    public VerificationView ViewOnceSent(DateTime now) =>
        VerificationView.From(_verification, now, options) with
        {
            SendCount = _sendCountBefore + 1,
            ResendAfter = now.AddSeconds(options.ResendCooldownSeconds),
        };

    /// <summary>Whether the send repeated a pending code rather than making a new one.</summary>
    public bool Resent => _resent is not null;

    public override int RequestedLength => request.CodeLength ?? VerificationService.DefaultCodeLength;

    public override string Code => _code;

    public override Guid VerificationId => _verification.Id;

    public override DateTime ExpiresAt => _verification.ExpiresAt;

    public override AuditEntry Audit => _resent is not null
        ? new AuditEntry("verification.resent", Target, tenantId, $"sendCount={_sendCountBefore + 1}")
        : new AuditEntry("verification.started", Target, tenantId, _replaced is null ? $"to={_verification.To}" : $"to={_verification.To} replaces={_replaced.Id}");

    private string Target => $"verification:{_verification.Id}";

    public override async ValueTask<ApiError?> PrepareAsync(string to, ApprovedContent? content, bool toTestNumber, string? fixedCode, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowForStorage();
        var pending = await VerificationQueries.Pending(db, tenantId, to, cancellationToken);
        if (pending is not { CodeSeal: not null } || pending.ExpiresAt <= now)
        {
            pending = null;
        }
        else if (pending.Signature != (content?.Signature ?? SandboxTemplate.Signature) || pending.Template != (content?.Template ?? SandboxTemplate.TemplateCode)
            || AsksForOtherTerms(pending, fixedCode))
        {
            (_replaced, pending) = (pending, null);
        }
        else if (now < pending.LastSentAt.AddSeconds(options.ResendCooldownSeconds))
        {
            var resendAfter = pending.LastSentAt.AddSeconds(options.ResendCooldownSeconds);
            var tooSoon = ProblemTypes.ResendTooSoon.With($"The code was sent to {to} at {pending.LastSentAt:O}; it can be sent again from {resendAfter:O}.");
            return tooSoon with { RetryAfter = resendAfter - now };
        }
        _resent = pending;
        _code = pending is null ? fixedCode ?? VerificationCodes.Generate(RequestedLength) : codes.Unseal(pending.Id, pending.CodeSeal!);
        _verification = pending ?? New(to, content, toTestNumber, now);
        _sendCountBefore = _verification.SendCount;
        return null;
    }

    public override async Task<object?> StoreAsync(AppDbContext batch, DateTime now)
    {
        var pendingStatus = nameof(VerificationStatus.Pending);
        if (_replaced is { } replaced)
        {
            var canceled = nameof(VerificationStatus.Canceled);
            await batch.Database.ExecuteSqlAsync($"""
                UPDATE "verifications" SET "Status" = {canceled}, "CodeSeal" = NULL, "UpdatedAt" = {now}
                WHERE "Id" = {replaced.Id} AND "Status" = {pendingStatus}
                """);
        }
        _verification.SendCount = _sendCountBefore + 1;
        _verification.LastSentAt = _verification.UpdatedAt = now;
        if (_resent is null)
        {
            return _verification;
        }
        await batch.Database.ExecuteSqlAsync($"""
            UPDATE "verifications" SET "SendCount" = "SendCount" + 1, "LastSentAt" = {now}, "UpdatedAt" = {now}
            WHERE "Id" = {_verification.Id} AND "Status" = {pendingStatus}
            """);
        return null;
    }

    /// <summary>Whether the request names a code length or lifetime other than the pending code's (a fixed code keeps its length).</summary>
    private bool AsksForOtherTerms(VerificationRecord pending, string? fixedCode) =>
        (request.CodeLength is { } length && fixedCode is null && length != pending.CodeLength)
        || (request.TtlSeconds is { } ttl && pending.CreatedAt.AddSeconds(ttl) != pending.ExpiresAt);

    private VerificationRecord New(string to, ApprovedContent? content, bool toTestNumber, DateTime now)
    {
        var id = Guid.CreateVersion7();
        return new VerificationRecord
        {
            Id = id,
            TenantId = tenantId,
            To = to,
            Block = toTestNumber ? null : Risk.Pumping.NumberBlock.Of(to).ToString(),
            Status = VerificationStatus.Pending,
            CodeHash = codes.Hash(id, _code),
            CodeSeal = codes.Seal(id, _code),
            CodeLength = _code.Length,
            Signature = content?.Signature ?? SandboxTemplate.Signature,
            Template = content?.Template ?? SandboxTemplate.TemplateCode,
            CreatedAt = now,
            ExpiresAt = now.AddSeconds(request.TtlSeconds ?? VerificationService.DefaultTtlSeconds),
        };
    }
}
