using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Operators;
using SmsVerify.Server.TenantPeople;

namespace SmsVerify.Server.WebConsole.Pages.App;

/// <summary>Address, password and (once turned on) the authenticator's code on one form; a failure never says which was wrong.</summary>
public sealed class SignInModel(TenantSignIn signIn, AppDbContext db, IStringLocalizer<ConsoleText> text) : PageModel
{
    public string? Message { get; private set; }

    public string? Email { get; private set; }

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? code, string? returnUrl, CancellationToken cancellationToken)
    {
        var result = await signIn.SignInAsync(email, password, code?.Trim(), cancellationToken);
        if (result is { Outcome: SignInOutcome.SignedIn, User: { } user })
        {
            var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == user.TenantId, cancellationToken);
            await HttpContext.SignInAsync(TenantConsoleAuth.Scheme, TenantPeopleExtensions.Principal(user, tenant));
            return LocalRedirect(Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith("/app", StringComparison.Ordinal) ? returnUrl : "/app");
        }
        (Email, ReturnUrl) = (email, returnUrl);
        Message = result.Outcome == SignInOutcome.LockedOut
            ? text["Too many failed sign-ins: this account is locked until {0} (UTC).", result.LockedUntil!.Value.ToString("HH:mm")]
            : text["The address, password or code is wrong."];
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
