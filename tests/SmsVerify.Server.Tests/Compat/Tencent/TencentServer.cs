using System.Net;
using System.Text.Json;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Tencent;

/// <summary>
/// SmsVerify listening on a real loopback port (the Node SDK needs one), with a live tenant that holds a Tencent
/// credential made through the API, a verification template, a two-variable notification template, money and a
/// test number: what an app moving from Tencent Cloud has.
/// </summary>
public sealed class TencentServer : IAsyncLifetime
{
    public const string TestNumber = "+8613900001111";

    public SmsVerifyApp App { get; } = new();
    public LiveSender Sender { get; private set; } = null!;
    public string Endpoint { get; private set; } = "";
    public string SecretId { get; private set; } = "";
    public string SecretKey { get; private set; } = "";
    public string AppId { get; private set; } = "";

    /// <summary>Template id (the number of <c>SMS_…</c>) of <c>订单${order:text}已由${courier:text}发出</c>.</summary>
    public string NotificationId { get; private set; } = "";

    /// <summary>Template id of the verification template, <c>…验证码为${code}…</c>.</summary>
    public string VerificationId => Sender.Template["SMS_".Length..];

    public async Task InitializeAsync()
    {
        Endpoint = await App.StartOnLoopbackAsync();
        Sender = await App.CreateLiveSenderAsync();
        NotificationId = (await Sender.Tenant.CreateApprovedTemplateAsync(App, "订单${order:text}已由${courier:text}发出，请注意查收。", "notification"))["SMS_".Length..];
        await App.TopUpAsync(Sender.Tenant.Id, 1000m);
        await Sender.Tenant.RegisterNumberAsync(TestNumber);
        var credential = await (await Sender.Http.PostJsonAsync("/v1/api-credentials", new { vendor = "tencent" })).OkAsync(HttpStatusCode.Created);
        (SecretId, SecretKey, AppId) = (credential.Str("keyId"), credential.Str("secret"), credential.Str("appId"));
    }

    /// <summary>Runs one call of the official SDK against the server, the server's clock set to the real one the SDK signs with.</summary>
    public Task<JsonElement> CallAsync(string call, object parameters, object? options = null)
    {
        App.CatchUpWithRealTime();
        return VendorSdk.RunAsync(VendorSdk.Tencent, new
        {
            endpoint = Endpoint,
            credentials = new { secretId = SecretId, secretKey = SecretKey },
            options = options ?? new { },
            call,
            @params = parameters,
        });
    }

    public Task<JsonElement> SendAsync(string templateId, string[] parameters, string[] numbers, object? options = null, string? appId = null, string? session = null) =>
        CallAsync("SendSms", new
        {
            SmsSdkAppId = appId ?? AppId,
            SignName = Senders.SignatureName,
            TemplateId = templateId,
            TemplateParamSet = parameters,
            PhoneNumberSet = numbers,
            // Unique per call: TC3 signs no nonce, so two identical calls in one second are one request replayed.
            SessionContext = session ?? Guid.NewGuid().ToString("N"),
        }, options);

    /// <summary>The text the test number's phone shows for the message <paramref name="serialNo"/> names.</summary>
    public async Task<string> InboxTextAsync(string serialNo) =>
        (await Sender.Tenant.InboxAsync(TestNumber)).EnumerateArray().Single(m => m.Str("id") == serialNo).Str("text");

    public async Task DisposeAsync() => await App.DisposeAsync();
}
