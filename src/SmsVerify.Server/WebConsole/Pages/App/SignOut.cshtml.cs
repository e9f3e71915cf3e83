using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmsVerify.Server.TenantPeople;

namespace SmsVerify.Server.WebConsole.Pages.App;

/// <summary>A POST with the antiforgery token, so no link on another site can end a session.</summary>
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/app");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(TenantConsoleAuth.Scheme);
        return Redirect("/app/sign-in");
    }
}
