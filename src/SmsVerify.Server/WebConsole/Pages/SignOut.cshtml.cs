using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmsVerify.Server.Operators;

namespace SmsVerify.Server.WebConsole.Pages;

/// <summary>Signing out is a POST with the antiforgery token, so no link on another site can end a session.</summary>
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/console");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleAuth.Scheme);
        return Redirect("/console/sign-in");
    }
}
