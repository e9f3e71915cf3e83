using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Phones;

namespace SmsVerify.Server.Sandbox;

/// <summary>
/// A tenant's test numbers and their inboxes, for the API (<see cref="SandboxApi"/>) and the console's sandbox page
/// alike. Every read and write is within the one tenant named: an inbox holds only what its own tenant sent.
/// </summary>
public sealed class SandboxNumbers(AppDbContext db, AuditTrail audit, TimeProvider clock, IOptions<SandboxOptions> options)
{
    public const int MaxInboxPage = 100;

    public async Task<List<SandboxNumberView>> ListAsync(Guid tenantId, CancellationToken cancellationToken) =>
        (await db.SandboxNumbers.AsNoTracking().Where(n => n.TenantId == tenantId).OrderBy(n => n.Phone).ToListAsync(cancellationToken))
        .ConvertAll(View);

    public Task<bool> IsTestNumberAsync(Guid tenantId, string e164, CancellationToken cancellationToken) =>
        db.SandboxNumbers.AnyAsync(n => n.TenantId == tenantId && n.Phone == e164, cancellationToken);

    public async Task<Outcome<SandboxNumberView>> RegisterAsync(Guid tenantId, string? phone, string? fixedCode, CancellationToken cancellationToken)
    {
        if (!PhoneNumberParser.TryParseMobile(phone, out var e164))
        {
            return ProblemTypes.NotAMobileNumber(phone);
        }
        if (fixedCode is not null && (fixedCode.Length is < 4 or > 8 || !fixedCode.All(char.IsAsciiDigit)))
        {
            return ProblemTypes.Invalid("fixedCode", "fixedCode must be 4 to 8 digits.");
        }
        var numbers = db.SandboxNumbers.Where(n => n.TenantId == tenantId);
        if (await numbers.AnyAsync(n => n.Phone == e164, cancellationToken))
        {
            return Exists(e164);
        }
        var max = options.Value.MaxNumbersPerTenant;
        if (await numbers.CountAsync(cancellationToken) >= max)
        {
            return ProblemTypes.SandboxNumberLimit.With($"Your tenant already has {max} test numbers, the most allowed.");
        }
        var number = new SandboxNumber { TenantId = tenantId, Phone = e164, FixedCode = fixedCode, CreatedAt = clock.UtcNowForStorage() };
        db.SandboxNumbers.Add(number);
        try
        {
            await audit.SaveChangesAsync(db, new AuditEntry("sandbox_number.registered", $"sandbox_number:{tenantId}:{e164}", tenantId), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent request registered the same number first; the unique index kept one.
            return Exists(e164);
        }
        return View(number);
    }

    /// <summary>Deletes the number and erases its inbox (the masked message log stays); answers the number deleted.</summary>
    public async Task<Outcome<string>> DeleteAsync(Guid tenantId, string? phone, CancellationToken cancellationToken)
    {
        if (!PhoneNumberParser.TryParseMobile(phone, out var e164))
        {
            return ProblemTypes.NotAMobileNumber(phone);
        }
        var deleted = await audit.RunAsync(db, async () =>
        {
            var count = await db.SandboxNumbers.Where(n => n.TenantId == tenantId && n.Phone == e164).ExecuteDeleteAsync(cancellationToken);
            await db.Messages.Where(m => m.TenantId == tenantId && m.To == e164 && m.SandboxText != null)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.SandboxText, (string?)null), cancellationToken);
            return (count, count > 0 ? new AuditEntry("sandbox_number.deleted", $"sandbox_number:{tenantId}:{e164}", tenantId) : null);
        }, cancellationToken);
        return deleted == 0 ? NotFound(e164) : e164;
    }

    /// <summary>A test number's inbox, newest first, each message with the code a phone would pick out of it (see <see cref="InboxMessageView"/>).</summary>
    public async Task<Outcome<List<InboxMessageView>>> InboxAsync(Guid tenantId, string? phone, int limit, CancellationToken cancellationToken)
    {
        if (!PhoneNumberParser.TryParseMobile(phone, out var e164))
        {
            return ProblemTypes.NotAMobileNumber(phone);
        }
        if (limit is < 1 or > MaxInboxPage)
        {
            return ProblemTypes.Invalid("limit", $"limit must be 1 to {MaxInboxPage}.");
        }
        if (!await IsTestNumberAsync(tenantId, e164, cancellationToken))
        {
            return NotFound(e164);
        }
        return await Inbox(db.Messages.Where(m => m.TenantId == tenantId && m.To == e164), limit, cancellationToken);
    }

    /// <summary>
    /// What reached any of the tenant's test numbers at or after <paramref name="since"/>, newest first: what a page
    /// showing every inbox asks for again and again, one short range of the tenant's log by time.
    /// </summary>
    public Task<List<InboxMessageView>> ArrivedSinceAsync(Guid tenantId, DateTime since, CancellationToken cancellationToken) =>
        Inbox(db.Messages.Where(m => m.TenantId == tenantId && m.CreatedAt >= since), MaxInboxPage, cancellationToken);

    private static async Task<List<InboxMessageView>> Inbox(IQueryable<Messages.MessageRecord> messages, int limit, CancellationToken cancellationToken)
    {
        var page = await messages.AsNoTracking().Where(m => m.SandboxText != null)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(limit)
            .Select(m => new { m.Id, m.To, Text = m.SandboxText!, m.CreatedAt })
            .ToListAsync(cancellationToken);
        return page.ConvertAll(m => InboxMessageView.Read(m.Id, m.To, m.Text, m.CreatedAt));
    }

    private static ApiError Exists(string e164) => ProblemTypes.SandboxNumberExists.With($"{e164} is already one of your test numbers.");

    private static ApiError NotFound(string e164) => ProblemTypes.SandboxNumberNotFound.With($"{e164} is not one of your test numbers.");

    private static SandboxNumberView View(SandboxNumber number) => new(number.Phone, number.FixedCode, number.CreatedAt);
}
