using SmsVerify.Server.LandingApps;
using SmsVerify.Server.Qualifications;
using SmsVerify.Server.Telemetry;

namespace SmsVerify.Server.Review;

public static class ReviewExtensions
{
    /// <summary>The queue and its kinds; each feature that adds a kind registers its <see cref="IReviewKind"/> here or in its own Add.</summary>
    public static IHostApplicationBuilder AddReview(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReviewDecisions>();
        builder.Services.AddGauges<ReviewMetrics>();
        builder.Services.AddScoped<ReviewServices>();
        builder.Services.AddScoped<IReviewKind, QualificationReview>();
        builder.Services.AddScoped<IReviewKind, LandingAppReview>();
        // How qualifications and applications come in, for the API and the tenant console alike.
        builder.Services.AddScoped<QualificationSubmissions>();
        builder.Services.AddSingleton<Infrastructure.Security.SealedValues>(QualificationSubmissions.SealedIdNumbers);
        builder.Services.AddScoped<LandingAppSubmissions>();
        builder.Services.AddScoped<LandingAppHashes>();
        return builder;
    }
}
