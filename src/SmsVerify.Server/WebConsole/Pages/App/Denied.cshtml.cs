using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmsVerify.Server.TenantPeople;

namespace SmsVerify.Server.WebConsole.Pages.App;

/// <summary>Where a refused request lands; a person who must first set up the second factor is sent there instead.</summary>
public sealed class DeniedModel : PageModel
{
    public IActionResult OnGet()
    {
        if (User.HasClaim(c => c.Type == TenantConsoleAuth.MustEnrolClaim))
        {
            return Redirect("/app/security");
        }
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
