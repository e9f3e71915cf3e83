using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SmsVerify.Server.Operators;

namespace SmsVerify.Server.WebConsole.Pages;

/// <summary>Name, password and the authenticator's code on one form; a failure never says which was wrong.</summary>
public sealed class SignInModel(OperatorSignIn signIn, IStringLocalizer<ConsoleText> text) : PageModel
{
    public string? Message { get; private set; }

    public string? UserName { get; private set; }

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? userName, string? password, string? code, string? returnUrl, CancellationToken cancellationToken)
    {
        var result = await signIn.SignInAsync(userName, password, code?.Trim(), cancellationToken);
        if (result is { Outcome: SignInOutcome.SignedIn, Account: { } account })
        {
            await HttpContext.SignInAsync(ConsoleAuth.Scheme, OperatorsExtensions.Principal(account));
            return LocalRedirect(Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith("/console", StringComparison.Ordinal) ? returnUrl : "/console");
        }
        (UserName, ReturnUrl) = (userName, returnUrl);
        Message = result.Outcome == SignInOutcome.LockedOut
            ? text["Too many failed sign-ins: this account is locked until {0} (UTC).", result.LockedUntil!.Value.ToString("HH:mm")]
            : text["The user name, password or code is wrong."];
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
