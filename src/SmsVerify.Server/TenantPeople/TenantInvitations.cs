using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Operators;

namespace SmsVerify.Server.TenantPeople;

/// <summary>An invitation as made: <see cref="Link"/> (a path on this server) is shown this once and never stored.</summary>
public sealed record InvitationLink(Guid Id, string Email, string Role, DateTime ExpiresAt, string Link);

public sealed record InvitationView(Guid Id, string Email, string Role, string InvitedBy, DateTime CreatedAt, DateTime ExpiresAt)
{
    public static InvitationView From(TenantInvitation i) => new(i.Id, i.Email, i.Role, i.InvitedBy, i.CreatedAt, i.ExpiresAt);
}

/// <summary>What the invitation page shows before the person accepts.</summary>
public sealed record OpenInvitation(string TenantName, string Email, string Role, DateTime ExpiresAt);

/// <summary>
/// Invitations to a tenant: an operator invites its first owner (API or console), owners invite the rest. The link
/// carries 256 random bits; only their SHA-256 is stored. Accepting makes the person's account, once.
/// </summary>
public sealed class TenantInvitations(AppDbContext db, AuditTrail audit, IPasswordHasher<TenantUser> hasher, TimeProvider clock)
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromDays(7);
    public const string LinkPath = "/app/invitation/";

    public async Task<Outcome<InvitationLink>> InviteAsync(Guid tenantId, string? email, string? role, CancellationToken cancellationToken)
    {
        if (TenantRoles.NormaliseEmail(email) is not { } address)
        {
            return ProblemTypes.Invalid("email", "email is an e-mail address of at most 254 characters.");
        }
        if (role is null || !TenantRoles.All.Contains(role))
        {
            return ProblemTypes.Invalid("role", $"role must be one of: {string.Join(", ", TenantRoles.All)}.");
        }
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, cancellationToken))
        {
            return ProblemTypes.TenantNotFound.With($"No tenant has id {tenantId}.");
        }
        if (await db.TenantUsers.AnyAsync(u => u.Email == address, cancellationToken))
        {
            return ProblemTypes.TenantUserExists.With($"{address} already signs in to SmsVerify.");
        }
        var token = RandomNumberGenerator.GetBytes(32);
        var now = clock.UtcNowForStorage();
        var invitation = new TenantInvitation
        {
            TenantId = tenantId,
            Email = address,
            Role = role,
            TokenHash = SHA256.HashData(token),
            InvitedBy = audit.CurrentActor,
            CreatedAt = now,
            ExpiresAt = now + ValidFor,
        };
        db.TenantInvitations.Add(invitation);
        await audit.SaveChangesAsync(db, new AuditEntry("tenant_user.invited", $"invitation:{invitation.Id}", tenantId, $"email={address} role={role}"),
            cancellationToken);
        return new InvitationLink(invitation.Id, address, role, invitation.ExpiresAt, LinkPath + WebEncoders.Base64UrlEncode(token));
    }

    public async Task<List<InvitationView>> ListOpenAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowForStorage();
        return (await db.TenantInvitations.AsNoTracking()
                .Where(i => i.TenantId == tenantId && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
                .OrderByDescending(i => i.CreatedAt).Take(100).ToListAsync(cancellationToken))
            .ConvertAll(InvitationView.From);
    }

    public async Task<bool> RevokeAsync(Guid tenantId, Guid id, CancellationToken cancellationToken)
    {
        if (await db.TenantInvitations.FirstOrDefaultAsync(i => i.Id == id && i.TenantId == tenantId && i.AcceptedAt == null, cancellationToken)
            is not { } invitation)
        {
            return false;
        }
        invitation.RevokedAt ??= clock.UtcNowForStorage();
        await audit.SaveChangesAsync(db, new AuditEntry("tenant_user.invitation_revoked", $"invitation:{id}", tenantId, $"email={invitation.Email}"),
            cancellationToken);
        return true;
    }

    public async Task<OpenInvitation?> FindAsync(string? token, CancellationToken cancellationToken) =>
        await OpenAsync(token, cancellationToken) is { } invitation
            ? new OpenInvitation(await db.Tenants.Where(t => t.Id == invitation.TenantId).Select(t => t.Name).FirstAsync(cancellationToken),
                invitation.Email, invitation.Role, invitation.ExpiresAt)
            : null;

    /// <summary>Makes the person's account and spends the invitation, in one transaction.</summary>
    public async Task<Outcome<TenantUser>> AcceptAsync(string? token, string? displayName, string? password, CancellationToken cancellationToken)
    {
        if (await OpenAsync(token, cancellationToken) is not { } invitation)
        {
            return ProblemTypes.InvitationInvalid.With("The link was used already, revoked, or has expired: ask for a new one.");
        }
        if (password is not { Length: >= OperatorNames.MinPasswordLength and <= OperatorNames.MaxPasswordLength })
        {
            return ProblemTypes.Invalid("password", $"password is {OperatorNames.MinPasswordLength}–{OperatorNames.MaxPasswordLength} characters.");
        }
        var name = string.IsNullOrWhiteSpace(displayName) ? invitation.Email : displayName.Trim();
        if (name.Length > TenantUser.MaxDisplayNameLength)
        {
            return ProblemTypes.Invalid("displayName", $"displayName is at most {TenantUser.MaxDisplayNameLength} characters.");
        }
        if (NameText.Refusal("displayName", displayName) is { } unprintable)
        {
            return unprintable;
        }
        var now = clock.UtcNowForStorage();
        var user = new TenantUser
        {
            TenantId = invitation.TenantId,
            Email = invitation.Email,
            DisplayName = name,
            Role = invitation.Role,
            PasswordHash = "",
            CreatedAt = now,
        };
        user.PasswordHash = hasher.HashPassword(user, password);
        invitation.AcceptedAt = now;
        db.TenantUsers.Add(user);
        try
        {
            await audit.SaveChangesAsync(db, new AuditEntry("tenant_user.joined", $"tenant_user:{user.Id}", user.TenantId,
                $"email={user.Email} role={user.Role}", TenantRoles.Actor(user.TenantId, user.Id)), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The address joined by another invitation in the meantime: the unique index decides.
            db.ChangeTracker.Clear();
            return ProblemTypes.TenantUserExists.With($"{invitation.Email} already signs in to SmsVerify.");
        }
        return user;
    }

    private async Task<TenantInvitation?> OpenAsync(string? token, CancellationToken cancellationToken)
    {
        if (token is not { Length: 43 })
        {
            return null;
        }
        byte[] raw;
        try
        {
            raw = WebEncoders.Base64UrlDecode(token);
        }
        catch (FormatException)
        {
            return null;
        }
        var hash = SHA256.HashData(raw);
        var now = clock.UtcNowForStorage();
        return await db.TenantInvitations.FirstOrDefaultAsync(
            i => i.TokenHash == hash && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, cancellationToken);
    }
}
