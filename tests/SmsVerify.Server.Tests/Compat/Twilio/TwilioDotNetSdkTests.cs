using SmsVerify.Server.Tests.Support;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Verify.V2;
using Twilio.Rest.Verify.V2.Service;

namespace SmsVerify.Server.Tests.Compat.Twilio;

/// <summary>
/// Twilio's official .NET helper library (the <c>Twilio</c> package), unchanged, against SmsVerify: the library's
/// documented hook, a <see cref="SystemNetHttpClient"/> over an HttpClient of the app's choosing, only swaps the origin
/// of its URLs, as docs/compat-twilio.md tells .NET users to do. In process: the HttpClient goes to the test server.
/// </summary>
public sealed class TwilioDotNetSdkTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private const string TestNumber = "+8613800000001";

    [Fact]
    public async Task LiveTenant_StartsChecksAndFetches_WithAServiceNamedInCjkAndEmoji()
    {
        var sender = await app.CreateLiveSenderAsync();
        await sender.Tenant.RegisterNumberAsync(TestNumber);
        var client = await ClientAsync(sender.Tenant);
        var service = await ServiceResource.CreateAsync(new CreateServiceOptions("登录 😀 Acme"), client);
        Assert.Equal(("登录 😀 Acme", 6), (service.FriendlyName, service.CodeLength));

        var started = await VerificationResource.CreateAsync(new CreateVerificationOptions(service.Sid, TestNumber, "sms"), client);

        Assert.Matches("^VE[0-9a-f]{32}$", started.Sid);
        Assert.Equal(("pending", false, TestNumber), (started.Status, started.Valid, started.To));
        var received = (await sender.Tenant.InboxAsync(TestNumber))[0];
        Assert.StartsWith($"【{sender.Signature}】", received.Str("text"));
        var code = received.Str("code");
        var wrong = await VerificationCheckResource.CreateAsync(
            new CreateVerificationCheckOptions(service.Sid) { To = TestNumber, Code = code == "000000" ? "111111" : "000000" }, client);
        Assert.Equal(("pending", false), (wrong.Status, wrong.Valid));

        var right = await VerificationCheckResource.CreateAsync(new CreateVerificationCheckOptions(service.Sid) { VerificationSid = started.Sid, Code = code }, client);

        Assert.Equal(("approved", true, started.Sid), (right.Status, right.Valid, right.Sid));
        var fetched = await VerificationResource.FetchAsync(service.Sid, started.Sid, client);
        Assert.Equal(("approved", TestNumber), (fetched.Status, fetched.To));
    }

    [Fact]
    public async Task AppHash_OfAnApprovedApp_IsTheLastLineOfTheText_AndAnUnknownOneIsRefused()
    {
        var sender = await app.CreateLiveSenderAsync();
        await sender.Tenant.ApproveAndroidAppAsync(app, ApprovedApps.Hash);
        await sender.Tenant.RegisterNumberAsync(TestNumber);
        await sender.Tenant.RegisterNumberAsync("+8613800000002");
        var client = await ClientAsync(sender.Tenant);
        var service = await ServiceResource.CreateAsync(new CreateServiceOptions("Acme"), client);

        await VerificationResource.CreateAsync(new CreateVerificationOptions(service.Sid, TestNumber, "sms") { AppHash = ApprovedApps.Hash }, client);

        var received = (await sender.Tenant.InboxAsync(TestNumber))[0];
        Assert.Equal(ApprovedApps.Hash, received.Str("text").Split('\n')[^1]);
        Assert.Equal(ApprovedApps.Hash, received.Str("appHash"));
        await AssertApiExceptionAsync(60200, 400, () => VerificationResource.CreateAsync(
            new CreateVerificationOptions(service.Sid, "+8613800000002", "sms") { AppHash = "unknown0000" }, client));
        Assert.Equal(0, (await sender.Tenant.InboxAsync("+8613800000002")).GetArrayLength());
    }

    [Fact]
    public async Task Refusals_AreApiExceptions_WithTwilioCodesAndStatuses()
    {
        var (tenant, client, service) = await SandboxServiceAsync();
        await tenant.RegisterNumberAsync(TestNumber);
        await VerificationResource.CreateAsync(new CreateVerificationOptions(service, TestNumber, "sms"), client);

        await AssertApiExceptionAsync(60203, 429, () => VerificationResource.CreateAsync(new CreateVerificationOptions(service, TestNumber, "sms"), client));
        await AssertApiExceptionAsync(60200, 400, () => VerificationResource.CreateAsync(new CreateVerificationOptions(service, TestNumber, "call"), client));
        await AssertApiExceptionAsync(20404, 404, () => ServiceResource.FetchAsync(new FetchServiceOptions("VA" + new string('f', 32)), client));

        var other = await ClientAsync(await app.CreateTenantAsync());
        await AssertApiExceptionAsync(20404, 404, () => ServiceResource.FetchAsync(new FetchServiceOptions(service), other));
        var wrongToken = new TwilioRestClient(client.AccountSid, "0" + new string('1', 31), httpClient: Origin());
        await AssertApiExceptionAsync(20003, 401, () => ServiceResource.FetchAsync(new FetchServiceOptions(service), wrongToken));
    }

    [Fact]
    public async Task Verification_UpdatedToApprovedOrCanceled_EndsIt()
    {
        var (tenant, client, service) = await SandboxServiceAsync();
        await tenant.RegisterNumberAsync(TestNumber);
        await tenant.RegisterNumberAsync("+8613800000002");
        var first = await VerificationResource.CreateAsync(new CreateVerificationOptions(service, TestNumber, "sms"), client);
        var second = await VerificationResource.CreateAsync(new CreateVerificationOptions(service, "+8613800000002", "sms"), client);

        var approved = await VerificationResource.UpdateAsync(new UpdateVerificationOptions(service, first.Sid, VerificationResource.StatusEnum.Approved), client);
        var canceled = await VerificationResource.UpdateAsync(new UpdateVerificationOptions(service, second.Sid, VerificationResource.StatusEnum.Canceled), client);

        Assert.Equal(("approved", "canceled"), (approved.Status, canceled.Status));
        var code = await tenant.LatestCodeAsync("+8613800000002");
        await AssertApiExceptionAsync(20404, 404, () => VerificationCheckResource.CreateAsync(
            new CreateVerificationCheckOptions(service) { To = "+8613800000002", Code = code }, client));
    }

    private static async Task AssertApiExceptionAsync(int code, int status, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<ApiException>(call);
        Assert.Equal((code, status, $"https://www.twilio.com/docs/errors/{code}"), (error.Code, error.Status, error.MoreInfo));
    }

    private async Task<(TestTenant Tenant, TwilioRestClient Client, string Service)> SandboxServiceAsync()
    {
        var tenant = await app.CreateTenantAsync();
        var client = await ClientAsync(tenant);
        return (tenant, client, (await ServiceResource.CreateAsync(new CreateServiceOptions("Sandbox"), client)).Sid);
    }

    private async Task<TwilioRestClient> ClientAsync(TestTenant tenant)
    {
        var (accountSid, authToken) = await TwilioServer.CredentialAsync(tenant);
        return new TwilioRestClient(accountSid, authToken, httpClient: Origin());
    }

    /// <summary>The library's HTTP client, with every request's origin (https://verify.twilio.com) swapped for the app's.</summary>
    private SystemNetHttpClient Origin() => new(app.CreateDefaultClient(new SwapOrigin()));

    private sealed class SwapOrigin : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new Uri(new Uri("http://localhost"), request.RequestUri!.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
