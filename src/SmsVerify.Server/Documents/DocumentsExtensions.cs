namespace SmsVerify.Server.Documents;

public static class DocumentsExtensions
{
    public static IHostApplicationBuilder AddDocuments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DocumentOptions>().BindConfiguration("Documents").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DocumentStore>();
        return builder;
    }
}
