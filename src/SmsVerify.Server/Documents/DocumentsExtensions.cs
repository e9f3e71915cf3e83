namespace SmsVerify.Server.Documents;

public static class DocumentsExtensions
{
    public static IHostApplicationBuilder AddDocuments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DocumentOptions>().BindConfiguration("Documents").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DocumentStore>();
        builder.Services.AddSingleton<SmsVerify.Server.Infrastructure.Security.SealedValues, SealedDocuments>();
        builder.Services.AddSingleton<SmsVerify.Server.Infrastructure.Security.PersonalData>();
        return builder;
    }
}
