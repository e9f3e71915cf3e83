using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Security;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Operators;

public static class OperatorsExtensions
{
    public static IHostApplicationBuilder AddOperators(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConsoleOptions>().BindConfiguration("Console").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IPasswordHasher<OperatorAccount>, PasswordHasher<OperatorAccount>>();
        builder.Services.AddSingleton<SecondFactor>();
        builder.Services.AddSingleton<SealedValues>(SecondFactor.SealedOperatorSecrets);
        builder.Services.AddSingleton<SealedValues>(SecondFactor.SealedTenantUserSecrets);
        builder.Services.AddScoped<OperatorSignIn>();
        builder.Services.AddScoped<OperatorAccounts>();
        ConsoleCookie.Add(builder.Services, ConsoleAuth.Scheme, "smsverify-console", "/console", StillValidAsync);
        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var (policy, roles) in ConsoleAuth.Policies)
        {
            authorization.AddPolicy(policy, p => p.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireRole(roles));
        }
        return builder;
    }

    /// <summary>The principal a signed-in person carries in the console cookie.</summary>
    public static ClaimsPrincipal Principal(OperatorAccount account) => new(new ClaimsIdentity(
        [
            new Claim(Caller.OperatorClaim, account.UserName),
            new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new Claim(ClaimTypes.Name, account.DisplayName),
            new Claim(ClaimTypes.Role, account.Role),
        ], ConsoleAuth.Scheme, ClaimTypes.Name, ClaimTypes.Role));

    // Each request re-reads the account, so a disabled account, a changed role or a reset second factor (which ends
    // every session it had) takes effect at once rather than when the cookie expires.
    private static async Task StillValidAsync(CookieValidatePrincipalContext context)
    {
        var id = Guid.TryParse(context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var parsed) ? parsed : Guid.Empty;
        var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        var account = await db.Operators.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, context.HttpContext.RequestAborted);
        var issued = context.Properties.IssuedUtc?.UtcDateTime;
        if (account is null || account.DisabledAt is not null || account.Role != context.Principal!.FindFirstValue(ClaimTypes.Role)
            || (account.SecondFactorResetAt is { } reset && issued is { } at && at < reset))
        {
            context.RejectPrincipal();
        }
    }
}
