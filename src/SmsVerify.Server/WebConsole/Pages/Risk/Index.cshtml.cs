using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmsVerify.Server.Content;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Risk.Breakers;
using SmsVerify.Server.Risk.Pumping;

namespace SmsVerify.Server.WebConsole.Pages.Risk;

/// <summary>
/// The circuit breakers (open ones first, each with why and since when; reset one, or trip one by hand) and the
/// number blocks in force (lift one), for a risk officer.
/// </summary>
public sealed class RiskIndexModel(AppDbContext db, BreakerControl breakers, RiskBlocks blocks, TimeProvider clock, IStringLocalizer<ConsoleText> text) : PageModel
{
    public const int Shown = 100;
    public const int ResetShown = 20;
    public const int TenantsOffered = 200;

    public sealed record TenantChoice(Guid Id, string Name);

    public List<BreakerListing> Breakers { get; private set; } = [];

    public List<RiskBlockView> Blocks { get; private set; } = [];

    public Dictionary<Guid, string> TenantNames { get; private set; } = [];

    public List<TenantChoice> Tenants { get; private set; } = [];

    public DateTime Now { get; } = clock.GetUtcNow().UtcDateTime;

    public string? Message { get; private set; }

    public string? Done { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Done = done switch
        {
            "tripped" => text["The breaker is open: sends in its scope are refused."].Value,
            "reset" => text["The breaker is reset: sending resumes."].Value,
            "lifted" => text["The block is lifted."].Value,
            _ => null,
        };
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostTripAsync(string? tenantId, string? scope, string? target, string? reason, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(tenantId?.Trim(), out var tenant))
        {
            return await RefusedAsync(text["Pick a tenant (its id)."], StatusCodes.Status400BadRequest, cancellationToken);
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return await RefusedAsync(text["Tripping a breaker needs a reason."], StatusCodes.Status400BadRequest, cancellationToken);
        }
        return await DoneAsync(await breakers.TripAsync(tenant, scope, target, reason, cancellationToken), "tripped", cancellationToken);
    }

    public async Task<IActionResult> OnPostResetAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return await RefusedAsync(text["Resetting a breaker needs a reason: why sending may resume."], StatusCodes.Status400BadRequest, cancellationToken);
        }
        return await DoneAsync(await breakers.ResetAsync(id, reason, cancellationToken), "reset", cancellationToken);
    }

    public async Task<IActionResult> OnPostLiftAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return await RefusedAsync(text["Lifting a block needs a reason."], StatusCodes.Status400BadRequest, cancellationToken);
        }
        return await DoneAsync(await blocks.LiftAsync(id, reason, null, cancellationToken), "lifted", cancellationToken);
    }

    private async Task<IActionResult> DoneAsync<T>(Outcome<T> outcome, string done, CancellationToken cancellationToken) =>
        outcome.Error is { } error ? await RefusedAsync(Said(error), error.Type.Status, cancellationToken) : RedirectToPage(new { done });

    /// <summary>The refusals an officer meets on this page in the page's language; the API's words for the rest.</summary>
    private string Said(ApiError error) => error.Type.Code switch
    {
        "breaker_already_open" => text["A breaker is already open there."],
        "breaker_not_open" => text["This breaker was reset already."],
        "tenant_not_found" => text["No tenant has this id."],
        "risk_block_not_active" => text["This block is no longer in force."],
        _ when error.Extensions?.GetValueOrDefault("field") is "target" => text["Name the signature or template to stop (at most {0} characters).", SendParameters.MaxNameLength],
        _ when error.Extensions?.GetValueOrDefault("field") is "reason" => text["The reason is at most {0} characters.", Breaker.MaxReasonLength],
        _ => error.Detail,
    };

    /// <summary>Nothing was changed: the page again, with why.</summary>
    private async Task<IActionResult> RefusedAsync(string message, int status, CancellationToken cancellationToken)
    {
        Message = message;
        Response.StatusCode = status;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // Every open one (they stop sends), then the latest reset ones as history.
        var open = await breakers.ListAsync(null, "open", BreakerControl.MaxPage, cancellationToken);
        var reset = await breakers.ListAsync(null, "reset", ResetShown, cancellationToken);
        Breakers = [.. open.Value!, .. reset.Value!];
        var now = clock.UtcNowForStorage();
        Blocks = (await RiskBlocks.Listed(db, null, RiskBlockStatus.Active, now).Take(Shown).ToListAsync(cancellationToken)).ConvertAll(b => RiskBlockView.From(b, now));
        var ids = Breakers.Select(b => b.Breaker.TenantId).Concat(Blocks.Select(b => b.TenantId)).Distinct().ToList();
        TenantNames = await db.Tenants.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        Tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Name).Take(TenantsOffered).Select(t => new TenantChoice(t.Id, t.Name)).ToListAsync(cancellationToken);
    }
}
