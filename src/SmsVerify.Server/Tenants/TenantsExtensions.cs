using Microsoft.AspNetCore.Authentication;

namespace SmsVerify.Server.Tenants;

public static class TenantsExtensions
{
    public static IHostApplicationBuilder AddTenants(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OperatorOptions>().BindConfiguration("Operator");
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<CallerResolver>();
        builder.Services.AddScoped<TenantDirectory>();
        builder.Services.AddScoped<TenantSuspensions>();
        builder.Services.AddScoped<TenantApiKeys>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Tenant, policy => policy.RequireClaim(Caller.TenantClaim))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(OperatorOptions.AdminRole))
            .AddPolicy(Policies.Auditor, policy => policy.RequireRole(OperatorOptions.AdminRole, OperatorOptions.AuditorRole));
        return builder;
    }
}
