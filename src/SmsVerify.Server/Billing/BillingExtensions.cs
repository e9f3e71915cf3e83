namespace SmsVerify.Server.Billing;

public static class BillingExtensions
{
    public static IHostApplicationBuilder AddBilling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BillingOptions>().BindConfiguration("Billing").ValidateDataAnnotations()
            .Validate(o => Money.FromYuan(o.PricePerSegment) is not null, "Billing:PricePerSegment has at most four decimals.").ValidateOnStart();
        builder.Services.AddScoped<TenantBalances>();
        return builder;
    }
}
