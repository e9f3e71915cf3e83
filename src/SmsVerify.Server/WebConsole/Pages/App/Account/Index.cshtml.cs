using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmsVerify.Server.Billing;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages.Stats;
using SmsVerify.Server.TenantPeople;

namespace SmsVerify.Server.WebConsole.Pages.App.Account;

/// <summary>A signature and how many numbers opted out of its marketing.</summary>
public sealed record SignatureOptOuts(Guid SignatureId, string Name, int Count);

/// <summary>
/// The tenant's balance and daily spend cap (owners set and clear it through the service the operators'
/// <c>PUT /v1/tenants/{id}/spend-cap</c> calls), what it sent and paid per day over the last 30 days, and the numbers
/// that opted out of each signature, a page at a time, masked but for their last four digits.
/// </summary>
public sealed class AccountModel(TenantBalances balances, TenantUsage usage, AppDbContext db, IStringLocalizer<ConsoleText> text) : TenantPageModel
{
    public const int Days = 30;
    public const int PageSize = 50;

    protected override string ChangesNeed => TenantConsoleAuth.Owner;

    public BalanceView Balance { get; private set; } = null!;

    public DailyUsage Usage { get; private set; } = null!;

    public List<SignatureOptOuts> OptOuts { get; private set; } = [];

    /// <summary>The signature whose opt-outs are listed, and the page of them (0 the newest).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Signature { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; }

    public List<(string Phone, DateTime CreatedAt)> Numbers { get; private set; } = [];

    public bool HasMore { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Signature is { } signature)
        {
            if (OptOuts.All(o => o.SignatureId != signature))
            {
                return NotFound();
            }
            var page = await db.OptOuts.AsNoTracking().Where(o => o.TenantId == TenantId && o.SignatureId == signature)
                .OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Phone)
                .Skip(Math.Max(0, PageNumber) * PageSize).Take(PageSize + 1)
                .Select(o => new { o.Phone, o.CreatedAt }).ToListAsync(cancellationToken);
            HasMore = page.Count > PageSize;
            Numbers = [.. page.Take(PageSize).Select(o => (Mask(o.Phone), o.CreatedAt))];
        }
        return Page();
    }

    /// <summary>Sets the daily cap in yuan, or clears it when the field is empty.</summary>
    public async Task<IActionResult> OnPostSpendCapAsync(string? dailyLimit, CancellationToken cancellationToken)
    {
        decimal? limit = null;
        if (!string.IsNullOrWhiteSpace(dailyLimit))
        {
            if (!decimal.TryParse(dailyLimit.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
            {
                return await RefuseAsync(StatusCodes.Status400BadRequest, cancellationToken);
            }
            limit = parsed;
        }
        var set = await balances.SetSpendCapAsync(TenantId, limit, cancellationToken);
        return set.Error is { } error ? await RefuseAsync(error.Type.Status, cancellationToken) : RedirectToPage();
    }

    /// <summary>A number as the page shows it: only its last four digits.</summary>
    public static string Mask(string phone) => phone.Length <= 4 ? phone : new string('*', phone.Length - 4) + phone[^4..];

    private async Task<IActionResult> RefuseAsync(int status, CancellationToken cancellationToken)
    {
        Message = text["A daily cap is an amount in yuan from 0 to {0} with at most four decimals; leave it empty for no cap.", TenantBalances.MaxDailyLimit];
        Response.StatusCode = status;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Balance = await balances.ViewAsync(TenantId, cancellationToken);
        Usage = await usage.DailyAsync(TenantId, Days, cancellationToken);
        var counts = await db.OptOuts.AsNoTracking().Where(o => o.TenantId == TenantId)
            .GroupBy(o => o.SignatureId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var ids = counts.Select(c => c.Key).ToList();
        var names = await db.Signatures.AsNoTracking().Where(s => s.TenantId == TenantId && ids.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        OptOuts = [.. counts.Select(c => new SignatureOptOuts(c.Key, names.GetValueOrDefault(c.Key, "?"), c.Count)).OrderBy(o => o.Name, StringComparer.Ordinal)];
    }
}
