using SmsVerify.Server.Review;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Templates;

public static class TemplatesExtensions
{
    public static IHostApplicationBuilder AddTemplates(this IHostApplicationBuilder builder)
    {
        // One per policy: the word lists are compiled into a matcher once, and reviews share it.
        builder.Services.AddSingleton<TemplateRules>();
        builder.Services.AddOptions<TemplateOptions>().BindConfiguration("Templates").ValidateOnStart();
        builder.Services.AddScoped<TemplateAutoApproval>();
        builder.Services.AddScoped<TemplateSubmissions>();
        builder.Services.AddScoped<IReviewKind, TemplateReviewKind>();
        return builder;
    }
}
