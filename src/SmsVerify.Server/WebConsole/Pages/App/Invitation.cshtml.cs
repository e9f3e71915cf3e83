using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Operators;
using SmsVerify.Server.TenantPeople;

namespace SmsVerify.Server.WebConsole.Pages.App;

/// <summary>A one-time invitation link: the person chooses a password, joins the tenant with the invited role and is signed in.</summary>
public sealed class InvitationModel(TenantInvitations invitations, AppDbContext db, IStringLocalizer<ConsoleText> text) : PageModel
{
    public OpenInvitation? Invitation { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Invitation = await invitations.FindAsync(token, cancellationToken);
        // The token stays out of the Referer of anything the page links to.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        return Invitation is null ? Gone() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, string? displayName, string? password, CancellationToken cancellationToken)
    {
        var accepted = await invitations.AcceptAsync(token, displayName, password, cancellationToken);
        if (accepted.Value is { } user)
        {
            var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == user.TenantId, cancellationToken);
            await HttpContext.SignInAsync(TenantConsoleAuth.Scheme, TenantPeopleExtensions.Principal(user, tenant));
            return Redirect("/app");
        }
        Invitation = await invitations.FindAsync(token, cancellationToken);
        if (Invitation is null)
        {
            return Gone();
        }
        var error = accepted.Error!;
        Message = error.Type == ProblemTypes.TenantUserExists ? text["This address already signs in to SmsVerify."]
            : (error.Extensions?.GetValueOrDefault("field") as string) == "displayName" ? text["Your name is at most {0} characters.", TenantUser.MaxDisplayNameLength]
            : text["The password is {0}–{1} characters.", OperatorNames.MinPasswordLength, OperatorNames.MaxPasswordLength];
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The page saying the link is not valid, as a 404.</summary>
    private PageResult Gone()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
