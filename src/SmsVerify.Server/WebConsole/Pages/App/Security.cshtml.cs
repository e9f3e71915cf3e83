using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.TenantPeople;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.WebConsole.Pages.App;

/// <summary>
/// A person's own sign-in: turning the authenticator code on (a new secret, confirmed by its first code) or off (unless
/// the tenant requires it). Every role may change its own; this is also the one page open before a required setup.
/// </summary>
public sealed class SecurityModel(TenantUserAccounts accounts, AppDbContext db, IStringLocalizer<ConsoleText> text) : PageModel
{
    public TenantUserView Me { get; private set; } = null!;

    public bool Required { get; private set; }

    public bool MustEnrol => Required && !Me.SecondFactor;

    public PendingSecondFactor? Pending { get; private set; }

    public string? Message { get; private set; }

    private Guid TenantId => User.TenantId();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostBeginAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Pending = accounts.BeginSecondFactor(Me.Id, Me.Email);
    }

    public async Task<IActionResult> OnPostConfirmAsync(string? pending, string? code, CancellationToken cancellationToken)
    {
        var confirmed = await accounts.ConfirmSecondFactorAsync(TenantId, User.TenantUserId(), pending, code, cancellationToken);
        if (confirmed.Error is null)
        {
            // Turning it on ends every other session of this person; this one starts again with the new state.
            await RenewSessionAsync(cancellationToken);
            return RedirectToPage();
        }
        await LoadAsync(cancellationToken);
        Message = text["The code does not match: check the app's clock and type the code it shows now."];
        Pending = pending is { Length: <= 200 } ? accounts.Reopen(pending, Me.Id, Me.Email) : null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostTurnOffAsync(CancellationToken cancellationToken)
    {
        var off = await accounts.TurnOffSecondFactorAsync(TenantId, User.TenantUserId(), cancellationToken);
        if (off.Error is null)
        {
            return RedirectToPage();
        }
        await LoadAsync(cancellationToken);
        Message = text["Your tenant's owners require the second factor."];
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Me = (await accounts.ListAsync(TenantId, cancellationToken)).First(u => u.Id == User.TenantUserId());
        Required = await accounts.RequiresSecondFactorAsync(TenantId, cancellationToken);
    }

    private async Task RenewSessionAsync(CancellationToken cancellationToken)
    {
        var id = User.TenantUserId();
        var user = await db.TenantUsers.AsNoTracking().FirstAsync(u => u.Id == id, cancellationToken);
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == user.TenantId, cancellationToken);
        await HttpContext.SignInAsync(TenantConsoleAuth.Scheme, TenantPeopleExtensions.Principal(user, tenant));
    }
}
