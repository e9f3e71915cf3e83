using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Security;

namespace SmsVerify.Server.Operators;

/// <summary>How a sign-in ended. A failure does not say which of name, password or code was wrong.</summary>
public enum SignInOutcome { SignedIn, Failed, LockedOut }

public sealed record SignInResult(SignInOutcome Outcome, OperatorAccount? Account = null, DateTime? LockedUntil = null);

/// <summary>
/// Checks a person's name, password and TOTP code together, counts failures and locks the account after
/// <see cref="ConsoleOptions.MaxFailedSignIns"/> of them. Every attempt on a known account is audited under that
/// account's name; attempts on unknown names are not (they would let anyone fill the trail).
/// </summary>
public sealed partial class OperatorSignIn(
    AppDbContext db, AuditTrail audit, SecondFactor secondFactor, IPasswordHasher<OperatorAccount> hasher, TimeProvider clock,
    IOptions<ConsoleOptions> options, ILogger<OperatorSignIn> logger)
{
    // Checked when the name is unknown, so an unknown name costs as long as a wrong password.
    private static readonly string DummyHash = new PasswordHasher<OperatorAccount>().HashPassword(null!, "not a password");

    public async Task<SignInResult> SignInAsync(string? userName, string? password, string? code, CancellationToken cancellationToken)
    {
        var name = OperatorNames.Normalise(userName);
        var account = name is null ? null : await db.Operators.FirstOrDefaultAsync(o => o.UserName == name, cancellationToken);
        if (account is null || account.DisabledAt is not null)
        {
            hasher.VerifyHashedPassword(null!, DummyHash, password ?? "");
            LogUnknown(logger, LogSafe.Typed(name ?? ""));
            return new SignInResult(SignInOutcome.Failed);
        }
        var now = clock.UtcNowForStorage();
        if (account.LockedUntil > now)
        {
            return new SignInResult(SignInOutcome.LockedOut, LockedUntil: account.LockedUntil);
        }
        var passwordOk = password is { Length: > 0 and <= OperatorNames.MaxPasswordLength }
            && hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed;
        var step = passwordOk ? secondFactor.Check(account, code, account.LastTotpStep) : null;
        if (step is { } matched)
        {
            account.LastTotpStep = matched;
            account.FailedSignIns = 0;
            account.LockedUntil = null;
            account.LastSignInAt = now;
            await audit.SaveChangesAsync(db, Entry(account, "operator.signed_in"), cancellationToken);
            return new SignInResult(SignInOutcome.SignedIn, account);
        }
        account.FailedSignIns++;
        var locked = account.FailedSignIns >= options.Value.MaxFailedSignIns;
        if (locked)
        {
            account.LockedUntil = now + options.Value.LockoutTime;
            account.FailedSignIns = 0;
        }
        await audit.SaveChangesAsync(db, Entry(account, locked ? "operator.locked_out" : "operator.sign_in_failed",
            passwordOk ? "second factor" : "password"), cancellationToken);
        return locked ? new SignInResult(SignInOutcome.LockedOut, LockedUntil: account.LockedUntil) : new SignInResult(SignInOutcome.Failed);
    }

    private static AuditEntry Entry(OperatorAccount account, string action, string? failed = null) =>
        new(action, $"operator:{account.Id}", Detail: failed is null ? null : $"wrong {failed}", Actor: OperatorNames.Actor(account.UserName));

    [LoggerMessage(Level = LogLevel.Information, Message = "Console sign-in with an unknown or disabled name {Name}.")]
    private static partial void LogUnknown(ILogger logger, string name);
}
