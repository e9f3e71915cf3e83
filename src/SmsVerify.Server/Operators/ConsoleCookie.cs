using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace SmsVerify.Server.Operators;

/// <summary>
/// The session cookie of a console (the operators' at <c>/console</c>, the tenants' at <c>/app</c>): sent only under
/// its own path, never to scripts or another site, ending after <see cref="ConsoleOptions.IdleTimeout"/> unused, and
/// checked against the account on every request by <paramref name="validate"/>.
/// </summary>
public static class ConsoleCookie
{
    public static void Add(IServiceCollection services, string scheme, string name, string root, Func<CookieValidatePrincipalContext, Task> validate)
    {
        services.AddAuthentication().AddCookie(scheme, cookie =>
        {
            cookie.Cookie.Name = name;
            cookie.Cookie.Path = root;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.LoginPath = root + "/sign-in";
            cookie.LogoutPath = root + "/sign-out";
            cookie.AccessDeniedPath = root + "/denied";
            cookie.SlidingExpiration = true;
            cookie.Events.OnValidatePrincipal = validate;
        });
        services.AddOptions<CookieAuthenticationOptions>(scheme)
            .Configure<IOptions<ConsoleOptions>>((cookie, console) => cookie.ExpireTimeSpan = console.Value.IdleTimeout);
    }
}
