using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Operators;

public sealed record CreateOperatorRequest(string? UserName, string? DisplayName, string? Role, string? Password);

public sealed record OperatorView(Guid Id, string UserName, string DisplayName, string Role, DateTime CreatedAt, DateTime? LastSignInAt,
    DateTime? LockedUntil, DateTime? DisabledAt)
{
    public static OperatorView From(OperatorAccount a) => new(a.Id, a.UserName, a.DisplayName, a.Role, a.CreatedAt, a.LastSignInAt, a.LockedUntil, a.DisabledAt);
}

/// <summary>An account as created or with a new second factor: the TOTP secret is shown this once, never again.</summary>
public sealed record EnrolledOperator(OperatorView Operator, SecondFactorEnrolment SecondFactor);

/// <summary>
/// Creates operator accounts, changes their role, disables and enables them and resets their second factor, each
/// audited; the operators API and the console both call it. Sessions follow at once (see OperatorsExtensions).
/// </summary>
public sealed class OperatorAccounts(AppDbContext db, AuditTrail audit, SecondFactor secondFactor, IPasswordHasher<OperatorAccount> hasher, TimeProvider clock)
{
    public async Task<Outcome<EnrolledOperator>> CreateAsync(CreateOperatorRequest request, CancellationToken cancellationToken)
    {
        if (OperatorNames.Normalise(request.UserName) is not { } name)
        {
            return ProblemTypes.Invalid("userName", "userName is 2–64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        if (request.Role is not { } role || !OperatorOptions.Roles.Contains(role))
        {
            return ProblemTypes.Invalid("role", $"role must be one of: {string.Join(", ", OperatorOptions.Roles)}.");
        }
        if (request.Password is not { Length: >= OperatorNames.MinPasswordLength and <= OperatorNames.MaxPasswordLength } password)
        {
            return ProblemTypes.Invalid("password", $"password is {OperatorNames.MinPasswordLength}–{OperatorNames.MaxPasswordLength} characters.");
        }
        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? name : request.DisplayName.Trim();
        if (displayName.Length > OperatorAccount.MaxDisplayNameLength)
        {
            return ProblemTypes.Invalid("displayName", $"displayName is at most {OperatorAccount.MaxDisplayNameLength} characters.");
        }
        if (NameText.Refusal("displayName", request.DisplayName) is { } unprintable)
        {
            return unprintable;
        }
        if (await db.Operators.AnyAsync(o => o.UserName == name, cancellationToken))
        {
            return ProblemTypes.OperatorExists.With($"An operator is already called {name}.");
        }
        var id = Guid.CreateVersion7();
        var (sealedSecret, enrolment) = secondFactor.Enrol(new OperatorAccountKey(id, name));
        var account = new OperatorAccount
        {
            Id = id,
            UserName = name,
            DisplayName = displayName,
            Role = role,
            PasswordHash = "",
            SealedTotpSecret = sealedSecret,
            CreatedAt = clock.UtcNowForStorage(),
        };
        account.PasswordHash = hasher.HashPassword(account, password);
        db.Operators.Add(account);
        try
        {
            await audit.SaveChangesAsync(db, new AuditEntry("operator.created", $"operator:{id}", Detail: $"user={name} role={role}"), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two admins creating the same name at once: the unique index decides, and the loser hears why.
            db.ChangeTracker.Clear();
            if (await db.Operators.AnyAsync(o => o.UserName == name, cancellationToken))
            {
                return ProblemTypes.OperatorExists.With($"An operator is already called {name}.");
            }
            throw;
        }
        return new EnrolledOperator(OperatorView.From(account), enrolment);
    }

    public async Task<List<OperatorView>> ListAsync(CancellationToken cancellationToken) =>
        (await db.Operators.AsNoTracking().OrderBy(o => o.UserName).ToListAsync(cancellationToken)).ConvertAll(OperatorView.From);

    /// <summary>A new TOTP secret for a person who lost their device; the lockout ends with it.</summary>
    public async Task<Outcome<EnrolledOperator>> ResetSecondFactorAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.Operators.FirstOrDefaultAsync(o => o.Id == id, cancellationToken) is not { } account)
        {
            return ProblemTypes.OperatorNotFound.With($"No operator has id {id}.");
        }
        var (sealedSecret, enrolment) = secondFactor.Enrol(new OperatorAccountKey(account.Id, account.UserName));
        account.SealedTotpSecret = sealedSecret;
        account.LastTotpStep = 0;
        account.FailedSignIns = 0;
        account.LockedUntil = null;
        account.SecondFactorResetAt = clock.UtcNowForStorage();
        await audit.SaveChangesAsync(db, new AuditEntry("operator.second_factor_reset", $"operator:{id}", Detail: $"user={account.UserName}"), cancellationToken);
        return new EnrolledOperator(OperatorView.From(account), enrolment);
    }

    /// <param name="actingAccount">The person asking (null for an API key): they may not demote themself.</param>
    public Task<Outcome<OperatorView>> ChangeRoleAsync(Guid id, string? role, Guid? actingAccount, CancellationToken cancellationToken)
    {
        if (role is null || !OperatorOptions.Roles.Contains(role))
        {
            return Task.FromResult<Outcome<OperatorView>>(ProblemTypes.Invalid("role", $"role must be one of: {string.Join(", ", OperatorOptions.Roles)}."));
        }
        return ChangeAsync(id, actingAccount, role, disabled: null, cancellationToken);
    }

    /// <param name="actingAccount">The person asking (null for an API key): they may not disable themself.</param>
    public Task<Outcome<OperatorView>> DisableAsync(Guid id, Guid? actingAccount, CancellationToken cancellationToken) =>
        ChangeAsync(id, actingAccount, role: null, disabled: true, cancellationToken);

    public Task<Outcome<OperatorView>> EnableAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, actingAccount: null, role: null, disabled: false, cancellationToken);

    /// <summary>
    /// One change of role or state. The rule that an enabled admin remains is part of the UPDATE's own condition,
    /// run under the audit trail's lock, so two admins demoting each other at once cannot both win.
    /// </summary>
    private async Task<Outcome<OperatorView>> ChangeAsync(Guid id, Guid? actingAccount, string? role, bool? disabled, CancellationToken cancellationToken)
    {
        if (await db.Operators.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken) is not { } account)
        {
            return ProblemTypes.OperatorNotFound.With($"No operator has id {id}.");
        }
        var newRole = role ?? account.Role;
        var newDisabledAt = disabled switch { true => account.DisabledAt ?? clock.UtcNowForStorage(), false => null, null => account.DisabledAt };
        if (newRole == account.Role && newDisabledAt == account.DisabledAt)
        {
            return OperatorView.From(account);
        }
        if (id == actingAccount && (disabled == true || newRole != OperatorOptions.AdminRole))
        {
            return ProblemTypes.OperatorSelfChange.With("You may not disable your own account or change your own role; ask another admin.");
        }
        const string admin = OperatorOptions.AdminRole;
        var staysEnabledAdmin = newRole == admin && newDisabledAt is null;
        var entry = disabled switch
        {
            true => new AuditEntry("operator.disabled", $"operator:{id}", Detail: $"user={account.UserName}"),
            false => new AuditEntry("operator.enabled", $"operator:{id}", Detail: $"user={account.UserName}"),
            null => new AuditEntry("operator.role_changed", $"operator:{id}", Detail: $"user={account.UserName} role={account.Role}->{newRole}"),
        };
        var changed = await audit.RunAsync(db, async () =>
        {
            var count = await db.Operators
                .Where(o => o.Id == id && (staysEnabledAdmin || o.Role != admin || o.DisabledAt != null
                    || db.Operators.Any(other => other.Id != id && other.Role == admin && other.DisabledAt == null)))
                .ExecuteUpdateAsync(set => set.SetProperty(o => o.Role, newRole).SetProperty(o => o.DisabledAt, newDisabledAt), cancellationToken);
            return (count, count == 1 ? entry : null);
        }, cancellationToken);
        if (changed == 0)
        {
            return ProblemTypes.OperatorLastAdmin.With($"{account.UserName} is the last enabled admin; make another admin before disabling or demoting this one.");
        }
        account.Role = newRole;
        account.DisabledAt = newDisabledAt;
        return OperatorView.From(account);
    }
}
