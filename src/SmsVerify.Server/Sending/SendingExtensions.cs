namespace SmsVerify.Server.Sending;

public static class SendingExtensions
{
    public static IHostApplicationBuilder AddSending(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SendingOptions>().BindConfiguration("Sending").ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }
}
