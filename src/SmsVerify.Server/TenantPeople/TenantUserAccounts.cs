using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Operators;

namespace SmsVerify.Server.TenantPeople;

public sealed record TenantUserView(Guid Id, string Email, string DisplayName, string Role, bool SecondFactor, DateTime CreatedAt,
    DateTime? LastSignInAt, DateTime? LockedUntil, DateTime? DisabledAt)
{
    public static TenantUserView From(TenantUser u) =>
        new(u.Id, u.Email, u.DisplayName, u.Role, u.SealedTotpSecret is not null, u.CreatedAt, u.LastSignInAt, u.LockedUntil, u.DisabledAt);
}

/// <summary>A second factor being turned on: the secret to show, and the same secret sealed, to come back with the first code.</summary>
public sealed record PendingSecondFactor(SecondFactorEnrolment Enrolment, string Sealed);

/// <summary>
/// A tenant's people as its owners manage them, and each person's own second factor. Every method takes the tenant
/// the caller signed in to and finds people only within it, so one tenant's ids mean nothing to another.
/// </summary>
public sealed class TenantUserAccounts(AppDbContext db, AuditTrail audit, SecondFactor secondFactor, TimeProvider clock)
{
    public async Task<List<TenantUserView>> ListAsync(Guid tenantId, CancellationToken cancellationToken) =>
        (await db.TenantUsers.AsNoTracking().Where(u => u.TenantId == tenantId).OrderBy(u => u.Email).ToListAsync(cancellationToken))
        .ConvertAll(TenantUserView.From);

    public Task<Outcome<TenantUserView>> ChangeRoleAsync(Guid tenantId, Guid id, string? role, Guid actingUser, CancellationToken cancellationToken) =>
        role is null || !TenantRoles.All.Contains(role)
            ? Task.FromResult<Outcome<TenantUserView>>(ProblemTypes.Invalid("role", $"role must be one of: {string.Join(", ", TenantRoles.All)}."))
            : ChangeAsync(tenantId, id, actingUser, role, disabled: null, cancellationToken);

    public Task<Outcome<TenantUserView>> DisableAsync(Guid tenantId, Guid id, Guid actingUser, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, id, actingUser, role: null, disabled: true, cancellationToken);

    public Task<Outcome<TenantUserView>> EnableAsync(Guid tenantId, Guid id, Guid actingUser, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, id, actingUser, role: null, disabled: false, cancellationToken);

    /// <summary>Whether the owners require every person to sign in with an authenticator code.</summary>
    public Task<bool> RequiresSecondFactorAsync(Guid tenantId, CancellationToken cancellationToken) =>
        db.Tenants.Where(t => t.Id == tenantId).Select(t => t.RequireSecondFactor).FirstOrDefaultAsync(cancellationToken);

    public async Task SetRequireSecondFactorAsync(Guid tenantId, bool required, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.FirstAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant.RequireSecondFactor != required)
        {
            tenant.RequireSecondFactor = required;
            await audit.SaveChangesAsync(db, new AuditEntry(required ? "tenant.second_factor_required" : "tenant.second_factor_optional",
                $"tenant:{tenantId}", tenantId), cancellationToken);
        }
    }

    /// <summary>A new secret for the person to add to their app; nothing is stored until they confirm it with a code.</summary>
    public PendingSecondFactor BeginSecondFactor(Guid userId, string email)
    {
        var (sealedSecret, enrolment) = secondFactor.Enrol(new OperatorAccountKey(userId, email));
        return new PendingSecondFactor(enrolment, WebEncoders.Base64UrlEncode(sealedSecret));
    }

    /// <summary>The same pending secret again (after a wrong first code), or null when it is not one this server sealed.</summary>
    public PendingSecondFactor? Reopen(string pending, Guid userId, string email)
    {
        byte[] sealedSecret;
        try
        {
            sealedSecret = WebEncoders.Base64UrlDecode(pending);
        }
        catch (FormatException)
        {
            return null;
        }
        return secondFactor.Describe(sealedSecret, new OperatorAccountKey(userId, email)) is { } enrolment ? new PendingSecondFactor(enrolment, pending) : null;
    }

    /// <summary>Turns the second factor on with the secret of <see cref="BeginSecondFactor"/>, once the app shows a right code.</summary>
    public async Task<Outcome<TenantUserView>> ConfirmSecondFactorAsync(Guid tenantId, Guid userId, string? pending, string? code,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(tenantId, userId, cancellationToken) is not { } user)
        {
            return ProblemTypes.TenantUserNotFound.With($"No person of your tenant has id {userId}.");
        }
        byte[] sealedSecret;
        long? step;
        try
        {
            sealedSecret = WebEncoders.Base64UrlDecode(pending ?? "");
            step = secondFactor.Check(user.Id, sealedSecret, code?.Trim(), 0);
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            return ProblemTypes.Invalid("secret", "The secret being set up is not one this server made; start again.");
        }
        if (step is not { } matched)
        {
            return ProblemTypes.SecondFactorCodeWrong.With("The code does not match the secret: check the app's clock and type the code it shows now.");
        }
        user.SealedTotpSecret = sealedSecret;
        user.LastTotpStep = matched;
        user.SessionsValidFrom = clock.UtcNowForStorage();
        await audit.SaveChangesAsync(db, new AuditEntry("tenant_user.second_factor_on", $"tenant_user:{user.Id}", tenantId), cancellationToken);
        return TenantUserView.From(user);
    }

    public async Task<Outcome<TenantUserView>> TurnOffSecondFactorAsync(Guid tenantId, Guid userId, CancellationToken cancellationToken)
    {
        if (await FindAsync(tenantId, userId, cancellationToken) is not { } user)
        {
            return ProblemTypes.TenantUserNotFound.With($"No person of your tenant has id {userId}.");
        }
        if (await RequiresSecondFactorAsync(tenantId, cancellationToken))
        {
            return ProblemTypes.SecondFactorRequired.With("Your tenant's owners require the second factor.");
        }
        if (user.SealedTotpSecret is not null)
        {
            user.SealedTotpSecret = null;
            user.LastTotpStep = 0;
            await audit.SaveChangesAsync(db, new AuditEntry("tenant_user.second_factor_off", $"tenant_user:{user.Id}", tenantId), cancellationToken);
        }
        return TenantUserView.From(user);
    }

    private Task<TenantUser?> FindAsync(Guid tenantId, Guid id, CancellationToken cancellationToken) =>
        db.TenantUsers.FirstOrDefaultAsync(u => u.Id == id && u.TenantId == tenantId, cancellationToken);

    /// <summary>
    /// One change of role or state. That an enabled owner remains is part of the UPDATE's own condition, run under the
    /// audit trail's lock, so two owners demoting each other at once cannot both win.
    /// </summary>
    private async Task<Outcome<TenantUserView>> ChangeAsync(Guid tenantId, Guid id, Guid actingUser, string? role, bool? disabled,
        CancellationToken cancellationToken)
    {
        if (await db.TenantUsers.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id && u.TenantId == tenantId, cancellationToken) is not { } user)
        {
            return ProblemTypes.TenantUserNotFound.With($"No person of your tenant has id {id}.");
        }
        var newRole = role ?? user.Role;
        var newDisabledAt = disabled switch { true => user.DisabledAt ?? clock.UtcNowForStorage(), false => null, null => user.DisabledAt };
        if (newRole == user.Role && newDisabledAt == user.DisabledAt)
        {
            return TenantUserView.From(user);
        }
        if (id == actingUser)
        {
            return ProblemTypes.TenantUserSelfChange.With("You may not disable your own account or change your own role; ask another owner.");
        }
        const string owner = TenantRoles.Owner;
        var staysOwner = newRole == owner && newDisabledAt is null;
        var entry = new AuditEntry(disabled switch { true => "tenant_user.disabled", false => "tenant_user.enabled", null => "tenant_user.role_changed" },
            $"tenant_user:{id}", tenantId, $"email={user.Email} role={user.Role}->{newRole}");
        var changed = await audit.RunAsync(db, async () =>
        {
            var count = await db.TenantUsers
                .Where(u => u.Id == id && (staysOwner || u.Role != owner || u.DisabledAt != null
                    || db.TenantUsers.Any(other => other.TenantId == tenantId && other.Id != id && other.Role == owner && other.DisabledAt == null)))
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.Role, newRole).SetProperty(u => u.DisabledAt, newDisabledAt), cancellationToken);
            return (count, count == 1 ? entry : null);
        }, cancellationToken);
        if (changed == 0)
        {
            return ProblemTypes.TenantLastOwner.With($"{user.Email} is the last enabled owner; make another owner first.");
        }
        user.Role = newRole;
        user.DisabledAt = newDisabledAt;
        return TenantUserView.From(user);
    }
}
