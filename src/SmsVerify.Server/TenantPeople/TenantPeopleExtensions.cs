using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Operators;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.TenantPeople;

public static class TenantPeopleExtensions
{
    public static IHostApplicationBuilder AddTenantPeople(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IPasswordHasher<TenantUser>, PasswordHasher<TenantUser>>();
        builder.Services.AddScoped<TenantSignIn>();
        builder.Services.AddScoped<TenantInvitations>();
        builder.Services.AddScoped<TenantUserAccounts>();
        ConsoleCookie.Add(builder.Services, TenantConsoleAuth.Scheme, "smsverify-app", "/app", RefreshAsync);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(TenantConsoleAuth.SignedIn, p => p.AddAuthenticationSchemes(TenantConsoleAuth.Scheme).RequireClaim(TenantConsoleAuth.UserClaim))
            .AddPolicy(TenantConsoleAuth.Anyone, p => Complete(p).RequireRole(TenantRoles.All))
            .AddPolicy(TenantConsoleAuth.Developer, p => Complete(p).RequireRole(TenantRoles.Owner, TenantRoles.Developer))
            .AddPolicy(TenantConsoleAuth.Owner, p => Complete(p).RequireRole(TenantRoles.Owner));
        return builder;
    }

    private static Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder Complete(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy) =>
        policy.AddAuthenticationSchemes(TenantConsoleAuth.Scheme).RequireClaim(TenantConsoleAuth.UserClaim)
            .RequireAssertion(context => !context.User.HasClaim(c => c.Type == TenantConsoleAuth.MustEnrolClaim));

    /// <summary>The principal a signed-in person carries, as their account and tenant are now.</summary>
    public static ClaimsPrincipal Principal(TenantUser user, Tenant tenant)
    {
        List<Claim> claims =
        [
            new(TenantConsoleAuth.UserClaim, user.Id.ToString()),
            new(Caller.TenantClaim, tenant.Id.ToString()),
            new(Caller.ModeClaim, tenant.Mode.ToString()),
            new(ClaimTypes.Name, user.DisplayName),
            new(ClaimTypes.Email, user.Email),
            new(ClaimTypes.Role, user.Role),
        ];
        if (tenant.RequireSecondFactor && user.SealedTotpSecret is null)
        {
            claims.Add(new(TenantConsoleAuth.MustEnrolClaim, "1"));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, TenantConsoleAuth.Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The signed-in person's id (pages behind the tenant console's policies always have one).</summary>
    public static Guid TenantUserId(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(TenantConsoleAuth.UserClaim)!);

    // Each request re-reads the person and their tenant: a disabled person is out at once, a new role or a newly
    // required second factor applies on their next click, and a changed second factor ends older sessions.
    private static async Task RefreshAsync(CookieValidatePrincipalContext context)
    {
        var id = Guid.TryParse(context.Principal?.FindFirstValue(TenantConsoleAuth.UserClaim), out var parsed) ? parsed : Guid.Empty;
        var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        var found = await (from u in db.TenantUsers.AsNoTracking()
                           join t in db.Tenants.AsNoTracking() on u.TenantId equals t.Id
                           where u.Id == id
                           select new { User = u, Tenant = t }).FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        // The cookie keeps its issue time to the second.
        var issued = context.Properties.IssuedUtc?.UtcDateTime;
        if (found is null || found.User.DisabledAt is not null || (found.User.SessionsValidFrom is { } from && issued is { } at && at < from.AddTicks(-(from.Ticks % TimeSpan.TicksPerSecond))))
        {
            context.RejectPrincipal();
            return;
        }
        context.ReplacePrincipal(Principal(found.User, found.Tenant));
    }
}
