using SmsVerify.Server.Review;
using SmsVerify.Server.Signatures.Rules;

namespace SmsVerify.Server.Signatures;

public static class SignaturesExtensions
{
    public static IHostApplicationBuilder AddSignatures(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SignatureRules>();
        builder.Services.AddScoped<SignatureSubmissions>();
        builder.Services.AddScoped<IReviewKind, SignatureReviewKind>();
        return builder;
    }
}
