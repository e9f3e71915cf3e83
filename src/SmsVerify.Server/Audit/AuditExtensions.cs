namespace SmsVerify.Server.Audit;

public static class AuditExtensions
{
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuditOptions>().BindConfiguration("Audit").ValidateDataAnnotations()
            .Validate(AuditOptions.RetentionIsLongEnough,
                $"Audit:RetentionDays is 0 (keep the trail forever) or at least {AuditOptions.MinimumRetentionDays}: China's Cybersecurity Law asks for six months of logs.")
            .ValidateOnStart();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddHostedService<AuditRetention>();
        return builder;
    }
}
