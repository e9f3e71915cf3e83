using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SmsVerify.Server.WebConsole.Pages;

/// <summary>Switches the console's language (a cookie for a year) and goes back to the page it came from.</summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet(string? culture, string? back)
    {
        if (ConsoleExtensions.Cultures.FirstOrDefault(c => c.Name == culture) is { } chosen)
        {
            Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Path = "/console", MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
        }
        return LocalRedirect(Url.IsLocalUrl(back) && back.StartsWith("/console", StringComparison.Ordinal) ? back : "/console");
    }
}
