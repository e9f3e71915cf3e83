using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.SmppGateway;

/// <summary><c>systemId</c> is set once, at creation; the rest may change. Unset numbers keep their defaults (or current values).</summary>
public sealed record SmppAccountRequest(
    string? SystemId = null, List<string>? AllowedAddresses = null, int? MaxBinds = null, int? Window = null, int? MessagesPerSecond = null, bool? ReceivesReplies = null);

/// <summary>An account as shown; <c>password</c> only in the answer that made it. <c>binds</c>: its binds open on the node that answered.</summary>
public sealed record SmppAccountView(
    Guid Id, string SystemId, List<string> AllowedAddresses, int MaxBinds, int Window, int MessagesPerSecond, bool ReceivesReplies, int Binds,
    DateTime CreatedAt, DateTime PasswordSetAt, string? Password = null);

/// <summary>A tenant's SMPP accounts: made with a password shown once, changed, listed, deleted (each change audited).</summary>
public sealed class SmppAccounts(AppDbContext db, AuditTrail audit, IPasswordHasher<SmppAccount> hasher, SmppListener listener, TimeProvider clock)
{
    public const int MaxAccounts = 20;
    public const int MaxAddressRanges = 20;

    // No characters that read alike (0/O, 1/l/I): the password is typed into a gateway's configuration by hand.
    private const string PasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public async Task<Outcome<SmppAccountView>> CreateAsync(Guid tenantId, SmppAccountRequest request, CancellationToken cancellationToken)
    {
        if (Validate(request, creating: true) is { } invalid)
        {
            return invalid;
        }
        if (await db.SmppAccounts.CountAsync(a => a.TenantId == tenantId, cancellationToken) >= MaxAccounts)
        {
            return ProblemTypes.TooManySmppAccounts.With($"Your tenant has {MaxAccounts} SMPP accounts, the most it may hold.");
        }
        if (await db.SmppAccounts.AnyAsync(a => a.SystemId == request.SystemId, cancellationToken))
        {
            return SystemIdTaken(request.SystemId!);
        }
        var now = clock.UtcNowForStorage();
        var password = NewPassword();
        var account = new SmppAccount { TenantId = tenantId, SystemId = request.SystemId!, PasswordHash = "", CreatedAt = now, PasswordSetAt = now };
        account.PasswordHash = hasher.HashPassword(account, password);
        Apply(account, request);
        db.SmppAccounts.Add(account);
        try
        {
            await audit.SaveChangesAsync(db, new AuditEntry("smpp_account.created", $"smpp_account:{account.Id}", tenantId, account.SystemId), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request took the systemId between the check and the insert (its unique index said so).
            db.ChangeTracker.Clear();
            if (await db.SmppAccounts.AnyAsync(a => a.SystemId == request.SystemId, cancellationToken))
            {
                return SystemIdTaken(request.SystemId!);
            }
            throw;
        }
        return View(account, password);
    }

    public async Task<List<SmppAccountView>> ListAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var accounts = await db.SmppAccounts.AsNoTracking().Where(a => a.TenantId == tenantId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return accounts.ConvertAll(a => View(a, null));
    }

    public async Task<SmppAccountView?> GetAsync(Guid tenantId, Guid id, CancellationToken cancellationToken) =>
        await db.SmppAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.TenantId == tenantId, cancellationToken) is { } account
            ? View(account, null)
            : null;

    /// <summary>Binds already open keep their window and rate until they bind again; a narrowed address list closes those it no longer allows.</summary>
    public async Task<Outcome<SmppAccountView>> UpdateAsync(Guid tenantId, Guid id, SmppAccountRequest request, CancellationToken cancellationToken)
    {
        var account = await db.SmppAccounts.FirstOrDefaultAsync(a => a.Id == id && a.TenantId == tenantId, cancellationToken);
        if (account is null)
        {
            return NotFound();
        }
        if (Validate(request, creating: false) is { } invalid)
        {
            return invalid;
        }
        if (request.SystemId is not null && request.SystemId != account.SystemId)
        {
            return ProblemTypes.Invalid("systemId", "systemId is set when the account is made; make another account for another systemId.");
        }
        Apply(account, request);
        await audit.SaveChangesAsync(db, new AuditEntry("smpp_account.changed", $"smpp_account:{account.Id}", tenantId, account.SystemId), cancellationToken);
        listener.CloseDisallowed(account.Id, AddressRanges.Parse(account.AllowedAddresses));
        return View(account, null);
    }

    /// <summary>A new password, in this answer only; binds made with the old one are closed.</summary>
    public async Task<Outcome<SmppAccountView>> ResetPasswordAsync(Guid tenantId, Guid id, CancellationToken cancellationToken)
    {
        var account = await db.SmppAccounts.FirstOrDefaultAsync(a => a.Id == id && a.TenantId == tenantId, cancellationToken);
        if (account is null)
        {
            return NotFound();
        }
        var password = NewPassword();
        account.PasswordHash = hasher.HashPassword(account, password);
        account.PasswordSetAt = clock.UtcNowForStorage();
        await audit.SaveChangesAsync(db, new AuditEntry("smpp_account.password_reset", $"smpp_account:{account.Id}", tenantId, account.SystemId), cancellationToken);
        await listener.CloseBindsAsync(account.Id);
        return View(account, password);
    }

    /// <summary>Its binds are closed; receipts and replies still owed to it are dropped with it.</summary>
    public async Task<ApiError?> DeleteAsync(Guid tenantId, Guid id, CancellationToken cancellationToken)
    {
        var deleted = await audit.RunAsync(db, async () =>
        {
            var count = await db.SmppAccounts.Where(a => a.Id == id && a.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken);
            return (count, count == 1 ? new AuditEntry("smpp_account.deleted", $"smpp_account:{id}", tenantId) : null);
        }, cancellationToken);
        if (deleted == 0)
        {
            return NotFound();
        }
        await listener.CloseBindsAsync(id);
        return null;
    }

    private static ApiError? Validate(SmppAccountRequest request, bool creating)
    {
        if (creating && (request.SystemId is not { Length: > 0 and <= SmppAccount.MaxSystemIdLength } systemId
            || systemId.AsSpan().ContainsAnyExcept(SystemIdCharacters)))
        {
            return ProblemTypes.Invalid("systemId", $"systemId is 1 to {SmppAccount.MaxSystemIdLength} letters, digits, '_' or '-'.");
        }
        if (request.AllowedAddresses is { } ranges)
        {
            if (ranges.Count > MaxAddressRanges)
            {
                return ProblemTypes.Invalid("allowedAddresses", $"At most {MaxAddressRanges} addresses or ranges.");
            }
            if (ranges.Find(r => !AddressRanges.TryParse(r, out _)) is { } bad)
            {
                return ProblemTypes.Invalid("allowedAddresses", $"'{Echo.Truncate(bad ?? "")}' is not an IP address or a CIDR range such as 203.0.113.0/24.");
            }
        }
        return request switch
        {
            { MaxBinds: < 1 or > 16 } => ProblemTypes.Invalid("maxBinds", "maxBinds is 1 to 16."),
            { Window: < 1 or > 1000 } => ProblemTypes.Invalid("window", "window is 1 to 1000."),
            { MessagesPerSecond: < 1 or > 10_000 } => ProblemTypes.Invalid("messagesPerSecond", "messagesPerSecond is 1 to 10000."),
            _ => null,
        };
    }

    private static readonly System.Buffers.SearchValues<char> SystemIdCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    private static void Apply(SmppAccount account, SmppAccountRequest request)
    {
        account.AllowedAddresses = request.AllowedAddresses is { } ranges
            ? [.. ranges.Select(r => AddressRanges.TryParse(r, out var network) ? network.ToString() : r).Distinct()]
            : account.AllowedAddresses;
        account.MaxBinds = request.MaxBinds ?? account.MaxBinds;
        account.Window = request.Window ?? account.Window;
        account.MessagesPerSecond = request.MessagesPerSecond ?? account.MessagesPerSecond;
        account.ReceivesReplies = request.ReceivesReplies ?? account.ReceivesReplies;
    }

    private static string NewPassword() => RandomNumberGenerator.GetString(PasswordAlphabet, SmppAccount.PasswordLength);

    private SmppAccountView View(SmppAccount a, string? password) => new(a.Id, a.SystemId, a.AllowedAddresses, a.MaxBinds, a.Window,
        a.MessagesPerSecond, a.ReceivesReplies, listener.BindsOf(a.Id), a.CreatedAt, a.PasswordSetAt, password);

    private static ApiError SystemIdTaken(string systemId) =>
        ProblemTypes.SmppSystemIdTaken.With($"An SMPP account with systemId '{systemId}' exists already.");

    public static ApiError NotFound() => ProblemTypes.SmppAccountNotFound.With("Your tenant has no SMPP account with this id.");
}

/// <summary>The addresses an account may bind from, as the account lists them.</summary>
public static class AddressRanges
{
    /// <summary>A CIDR range, or a single address as a range of one.</summary>
    public static bool TryParse(string? text, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 50)
        {
            return false;
        }
        if (IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        return IPNetwork.TryParse(text, out network);
    }

    public static IPNetwork[] Parse(IEnumerable<string> ranges) => [.. ranges.Select(r => TryParse(r, out var n) ? n : (IPNetwork?)null).OfType<IPNetwork>()];

    /// <summary>No ranges: any address. An IPv4 peer on a dual-stack socket is matched as IPv4.</summary>
    public static bool Allows(IPNetwork[] ranges, IPAddress address)
    {
        if (ranges.Length == 0)
        {
            return true;
        }
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return Array.Exists(ranges, r => r.Contains(plain));
    }
}
