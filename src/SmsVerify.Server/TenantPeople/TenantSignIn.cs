using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Security;
using SmsVerify.Server.Operators;

namespace SmsVerify.Server.TenantPeople;

public sealed record TenantSignInResult(SignInOutcome Outcome, TenantUser? User = null, DateTime? LockedUntil = null);

/// <summary>
/// A tenant's person signs in with their address, password and, once they turned it on, an authenticator code; the
/// same lockout as the operators' console (<see cref="ConsoleOptions"/>). A failure never says what was wrong.
/// </summary>
public sealed partial class TenantSignIn(
    AppDbContext db, AuditTrail audit, SecondFactor secondFactor, IPasswordHasher<TenantUser> hasher, TimeProvider clock,
    IOptions<ConsoleOptions> options, ILogger<TenantSignIn> logger)
{
    private static readonly string DummyHash = new PasswordHasher<TenantUser>().HashPassword(null!, "not a password");

    public async Task<TenantSignInResult> SignInAsync(string? email, string? password, string? code, CancellationToken cancellationToken)
    {
        var address = TenantRoles.NormaliseEmail(email);
        var user = address is null ? null : await db.TenantUsers.FirstOrDefaultAsync(u => u.Email == address, cancellationToken);
        if (user is null || user.DisabledAt is not null)
        {
            hasher.VerifyHashedPassword(null!, DummyHash, password ?? "");
            LogUnknown(logger, LogSafe.Typed(address ?? ""));
            return new TenantSignInResult(SignInOutcome.Failed);
        }
        var now = clock.UtcNowForStorage();
        if (user.LockedUntil > now)
        {
            return new TenantSignInResult(SignInOutcome.LockedOut, LockedUntil: user.LockedUntil);
        }
        var passwordOk = password is { Length: > 0 and <= OperatorNames.MaxPasswordLength }
            && hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
        long? step = user.SealedTotpSecret is { } sealedSecret
            ? passwordOk ? secondFactor.Check(user.Id, sealedSecret, code, user.LastTotpStep) : null
            : passwordOk ? user.LastTotpStep : null;
        var actor = TenantRoles.Actor(user.TenantId, user.Id);
        if (step is { } matched)
        {
            (user.LastTotpStep, user.FailedSignIns, user.LockedUntil, user.LastSignInAt) = (matched, 0, null, now);
            await audit.SaveChangesAsync(db, new AuditEntry("tenant_user.signed_in", $"tenant_user:{user.Id}", user.TenantId, Actor: actor), cancellationToken);
            return new TenantSignInResult(SignInOutcome.SignedIn, user);
        }
        var locked = ++user.FailedSignIns >= options.Value.MaxFailedSignIns;
        if (locked)
        {
            (user.LockedUntil, user.FailedSignIns) = (now + options.Value.LockoutTime, 0);
        }
        await audit.SaveChangesAsync(db, new AuditEntry(locked ? "tenant_user.locked_out" : "tenant_user.sign_in_failed", $"tenant_user:{user.Id}",
            user.TenantId, passwordOk ? "wrong second factor" : "wrong password", actor), cancellationToken);
        return locked ? new TenantSignInResult(SignInOutcome.LockedOut, LockedUntil: user.LockedUntil) : new TenantSignInResult(SignInOutcome.Failed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant console sign-in with an unknown or disabled address {Address}.")]
    private static partial void LogUnknown(ILogger logger, string address);
}
