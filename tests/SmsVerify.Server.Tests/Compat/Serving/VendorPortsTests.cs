using System.Net;
using System.Text;
using SmsVerify.Server.Tests.Compat.Alibaba;
using SmsVerify.Server.Tests.Compat.Twilio;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Serving;

/// <summary>Vendor APIs on ports of their own and under a path prefix, as the official SDKs reach them.</summary>
public sealed class VendorPortsTests(VendorPortsServer server) : IClassFixture<VendorPortsServer>
{
    [VendorSdkFact]
    public async Task AlibabaPort_SdkSendsThere_AndOnTheMainPortToo()
    {
        var sender = await AlibabaSenderAsync(server.AlibabaPort);
        foreach (var endpoint in new[] { $"127.0.0.1:{server.AlibabaPort}", $"127.0.0.1:{server.MainPort}" })
        {
            var phone = AlibabaSender.NewPhone();
            await sender.Live.Tenant.RegisterNumberAsync("+86" + phone);

            var sent = AlibabaSendSmsTests.Body(await (sender with { Endpoint = endpoint }).SendSmsAsync(phone, """{"code":"482916"}"""));

            Assert.Equal("OK", sent.Str("code"));
            Assert.Equal("482916", await sender.Live.Tenant.LatestCodeAsync("+86" + phone));
        }
    }

    [Fact]
    public async Task AlibabaPort_NativeCall_IsAlibabasNotFound()
    {
        var tenant = await server.App.CreateTenantAsync();
        using var http = VendorPortsServer.At(server.AlibabaPort, tenant.ApiKey);

        var response = await http.GetAsync("/v1/api-credentials");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.OkAsync(HttpStatusCode.NotFound);
        Assert.Equal("InvalidAction.NotFound", body.Str("Code"));
        Assert.NotEmpty(body.Str("RequestId"));
        // The native API is still where it was.
        using var main = VendorPortsServer.At(server.MainPort, tenant.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await main.GetAsync("/v1/api-credentials")).StatusCode);
    }

    [Fact]
    public async Task TencentOnItsPortOnly_TencentCallOnTheMainPort_IsNotRecognised_AndAnythingElseOnItsPortIsTencentsError()
    {
        using var main = VendorPortsServer.At(server.MainPort);
        using var call = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        call.Headers.Add("X-TC-Action", "SendSms");

        var onMain = await main.SendAsync(call);

        Assert.Equal("not_found", (await onMain.OkAsync(HttpStatusCode.NotFound)).Str("code"));
        using var tencent = VendorPortsServer.At(server.TencentPort);
        var elsewhere = await (await tencent.GetAsync("/healthz")).OkAsync();
        Assert.Equal("InvalidAction", elsewhere.GetProperty("Response").GetProperty("Error").Str("Code"));
    }

    [VendorSdkFact]
    public async Task TwilioUnderPathPrefix_SdkCreatesAServiceAndStartsAVerification()
    {
        var sender = await server.App.CreateLiveSenderAsync();
        await sender.Tenant.RegisterNumberAsync("+8613800000002");
        var credential = await TwilioServer.CredentialAsync(sender.Tenant);
        var endpoint = $"http://127.0.0.1:{server.MainPort}/twilio";

        var service = TwilioSdk.Body(await TwilioAsync(endpoint, credential, "services.create", new { friendlyName = "Acme" }));
        var started = TwilioSdk.Body(await TwilioAsync(endpoint, credential, "verifications.create", new { to = "+8613800000002", channel = "sms" },
            service.Str("sid")));

        Assert.Equal("pending", started.Str("status"));
        Assert.Single((await sender.Tenant.InboxAsync("+8613800000002")).EnumerateArray());
        // A wrong path under the prefix is Twilio's 404, as under /v2.
        TwilioSdk.RestException(await TwilioAsync(endpoint, credential, "services.fetch", new { }, "VA" + new string('0', 32)), 20404, 404);
    }

    private async Task<AlibabaSender> AlibabaSenderAsync(int port)
    {
        var live = await server.App.CreateLiveSenderAsync();
        await server.App.TopUpAsync(live.Tenant.Id, 100m);
        var credential = await (await live.Http.PostJsonAsync("/v1/api-credentials", new { vendor = "alibaba" })).OkAsync(HttpStatusCode.Created);
        return new AlibabaSender(live, credential.Str("keyId"), credential.Str("secret"), $"127.0.0.1:{port}");
    }

    private static Task<System.Text.Json.JsonElement> TwilioAsync(string endpoint, (string AccountSid, string AuthToken) credential, string call,
        object parameters, string? service = null) =>
        VendorSdk.RunAsync(VendorSdk.Twilio, new Dictionary<string, object?>
        {
            ["endpoint"] = endpoint,
            ["credentials"] = new { accountSid = credential.AccountSid, authToken = credential.AuthToken },
            ["options"] = new { },
            ["call"] = call,
            ["service"] = service,
            ["params"] = parameters,
        });
}
