using System.Net;
using System.Text.Json;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Callbacks;

/// <summary>
/// SmsVerify on a real loopback port (the vendors' Node SDKs need one) that may post webhooks to a receiver on
/// loopback over plain HTTP, as the vendor-format tests need.
/// </summary>
public sealed class CallbackServer : IAsyncLifetime
{
    public const string Notification = "订单${order:text}已由${courier:text}发出，请注意查收。";

    public SmsVerifyApp App { get; } = new()
    {
        Settings = { ["Webhooks:AllowHttp"] = "true", ["Webhooks:AllowPrivateNetworks"] = "true" },
    };
    public string Endpoint { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Endpoint = await App.StartOnLoopbackAsync();
    }

    /// <summary>A tenant moving from a vendor: a live signature, a notification template, money, a test number and the vendor's credential.</summary>
    public async Task<CallbackTenant> TenantAsync(string vendor)
    {
        var sender = await App.CreateLiveSenderAsync();
        var template = await sender.Tenant.CreateApprovedTemplateAsync(App, Notification, "notification");
        await App.TopUpAsync(sender.Tenant.Id, 100m);
        var phone = "+86139" + Random.Shared.Next(10_000_000, 99_999_999);
        await sender.Tenant.RegisterNumberAsync(phone);
        var credential = await (await sender.Http.PostJsonAsync("/v1/api-credentials", new { vendor })).OkAsync(HttpStatusCode.Created);
        return new CallbackTenant(this, sender, template, phone, credential);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed record CallbackTenant(CallbackServer Server, LiveSender Sender, string Template, string Phone, JsonElement Credential)
{
    /// <summary>Points the tenant's webhook at <paramref name="receiver"/> in <paramref name="format"/>; returns the configuration shown.</summary>
    public async Task<JsonElement> WebhookAsync(WebhookReceiver receiver, string format) =>
        await (await Sender.Http.PutJsonAsync("/v1/webhooks", new { url = receiver.Url, format })).OkAsync();

    /// <summary>The test number answers the tenant, as a phone would through a carrier.</summary>
    public async Task ReplyAsync(string text) =>
        await (await Sender.Http.PostJsonAsync($"/v1/sandbox/numbers/{Uri.EscapeDataString(Phone)}/replies", new { text })).OkAsync(HttpStatusCode.Created);

    public Task<JsonElement> AlibabaAsync(string call, object parameters) => VendorSdk.RunAsync(VendorSdk.Alibaba, new
    {
        endpoint = Server.Endpoint,
        credentials = new { accessKeyId = Credential.Str("keyId"), accessKeySecret = Credential.Str("secret") },
        options = new { },
        call,
        @params = parameters,
    });

    public Task<JsonElement> TencentAsync(string call, object parameters)
    {
        // The server checks TC3 timestamps against its clock: keep it on the real one the SDK signs with.
        Server.App.CatchUpWithRealTime();
        return VendorSdk.RunAsync(VendorSdk.Tencent, new
        {
            endpoint = Server.Endpoint,
            credentials = new { secretId = Credential.Str("keyId"), secretKey = Credential.Str("secret") },
            options = new { },
            call,
            @params = parameters,
        });
    }

    public string AppId => Credential.Str("appId");
}
