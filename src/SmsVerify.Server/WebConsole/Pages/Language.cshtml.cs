using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SmsVerify.Server.WebConsole.Pages;

/// <summary>Switches both consoles' language (a cookie for a year; the API never reads it) and goes back to the page it came from.</summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet(string? culture, string? back)
    {
        if (ConsoleExtensions.Cultures.FirstOrDefault(c => c.Name == culture) is { } chosen)
        {
            Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Path = "/", MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
        }
        return LocalRedirect(Url.IsLocalUrl(back) && (back.StartsWith("/console", StringComparison.Ordinal) || back.StartsWith("/app", StringComparison.Ordinal))
            ? back : "/console");
    }
}
