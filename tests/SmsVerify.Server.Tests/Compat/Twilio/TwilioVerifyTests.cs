using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Twilio;

/// <summary>Twilio's official Node SDK, pointed at SmsVerify, verifying codes end to end through the one send pipeline.</summary>
public sealed class TwilioVerifyTests(TwilioServer server) : IClassFixture<TwilioServer>
{
    private const string TestNumber = "+8613800000001";

    // CJK, an emoji (a surrogate pair) and every character that URL and form encoders treat differently.
    private const string Awkward = "验证码 😀 '()*!~+&=/%";

    [VendorSdkFact]
    public async Task LiveTenant_SdkStartsAndChecks_TheCodeReachesTheTestNumber()
    {
        var sender = await server.App.CreateLiveSenderAsync();
        await sender.Tenant.RegisterNumberAsync(TestNumber);
        var credential = await TwilioServer.CredentialAsync(sender.Tenant);
        var service = TwilioSdk.Body(await server.RunAsync(credential, "services.create", parameters: new { friendlyName = "Acme login" }));
        Assert.Matches("^VA[0-9a-f]{32}$", service.Str("sid"));
        Assert.Equal((6, credential.AccountSid), (service.Int("codeLength"), service.Str("accountSid")));

        var started = TwilioSdk.Body(await server.RunAsync(credential, "verifications.create", new { service = service.Str("sid") },
            new { to = TestNumber, channel = "sms" }));

        Assert.Matches("^VE[0-9a-f]{32}$", started.Str("sid"));
        Assert.Equal(("pending", false, TestNumber, "sms"), (started.Str("status"), started.GetProperty("valid").GetBoolean(), started.Str("to"), started.Str("channel")));
        Assert.Equal(service.Str("sid"), started.Str("serviceSid"));
        Assert.Single(started.GetProperty("sendCodeAttempts").EnumerateArray());
        var received = (await sender.Tenant.InboxAsync(TestNumber))[0];
        Assert.StartsWith($"【{sender.Signature}】", received.Str("text"));
        var code = received.Str("code");

        var wrong = TwilioSdk.Body(await server.RunAsync(credential, "verificationChecks.create", new { service = service.Str("sid") },
            new { to = TestNumber, code = code == "000000" ? "111111" : "000000" }));
        Assert.Equal(("pending", false), (wrong.Str("status"), wrong.GetProperty("valid").GetBoolean()));

        var right = TwilioSdk.Body(await server.RunAsync(credential, "verificationChecks.create", new { service = service.Str("sid") },
            new { verificationSid = started.Str("sid"), code }));
        Assert.Equal(("approved", true, started.Str("sid")), (right.Str("status"), right.GetProperty("valid").GetBoolean(), right.Str("sid")));

        // Twilio forgets an approved verification: checking it again is a 404.
        TwilioSdk.RestException(await server.RunAsync(credential, "verificationChecks.create", new { service = service.Str("sid") },
            new { to = TestNumber, code }), 20404, 404);
    }

    [VendorSdkFact]
    public async Task WrongAuthToken_IsA401With20003_AndCountsAsAFailedCheck()
    {
        var tenant = await server.App.CreateTenantAsync();
        var credential = await TwilioServer.CredentialAsync(tenant);

        TwilioSdk.RestException(await server.RunAsync(credential, "services.list", options: new { wrongSecret = true }), 20003, 401);
        TwilioSdk.RestException(await server.RunAsync(("AC" + new string('0', 32), credential.AuthToken), "services.list"), 20003, 401);

        var listed = (await (await tenant.Http.GetAsync("/v1/api-credentials")).OkAsync())[0];
        Assert.Equal(1, listed.Int("failedAttempts"));
    }

    [VendorSdkFact]
    public async Task UnknownService_OrAnotherTenants_Is20404()
    {
        var owner = await server.App.CreateTenantAsync();
        var other = await server.App.CreateTenantAsync();
        var ownerService = TwilioSdk.Body(await server.RunAsync(await TwilioServer.CredentialAsync(owner), "services.create",
            parameters: new { friendlyName = "Owner" })).Str("sid");
        var credential = await TwilioServer.CredentialAsync(other);

        TwilioSdk.RestException(await server.RunAsync(credential, "services.fetch", new { service = ownerService }), 20404, 404);
        TwilioSdk.RestException(await server.RunAsync(credential, "verifications.create", new { service = ownerService },
            new { to = TestNumber, channel = "sms" }), 20404, 404);
        TwilioSdk.RestException(await server.RunAsync(credential, "services.fetch", new { service = "VA" + new string('f', 32) }), 20404, 404);
    }

    [VendorSdkFact]
    public async Task SecondSendInsideTheCoolDown_Is60203With429()
    {
        var (credential, service, tenant) = await SandboxServiceAsync();
        await tenant.RegisterNumberAsync(TestNumber);
        TwilioSdk.Body(await server.RunAsync(credential, "verifications.create", new { service }, new { to = TestNumber, channel = "sms" }));

        TwilioSdk.RestException(await server.RunAsync(credential, "verifications.create", new { service }, new { to = TestNumber, channel = "sms" }), 60203, 429);
    }

    [VendorSdkFact]
    public async Task InvalidInput_Is60200With400()
    {
        var (credential, service, tenant) = await SandboxServiceAsync();
        await tenant.RegisterNumberAsync(TestNumber);

        var channel = TwilioSdk.RestException(await server.RunAsync(credential, "verifications.create", new { service },
            new { to = TestNumber, channel = "call" }), 60200, 400);
        Assert.Contains("Channel", channel.Str("message"), StringComparison.Ordinal);
        TwilioSdk.RestException(await server.RunAsync(credential, "verifications.create", new { service },
            new { to = "12345", channel = "sms" }), 60200, 400);
        TwilioSdk.RestException(await server.RunAsync(credential, "verifications.create", new { service },
            new { to = TestNumber, channel = "sms", customCode = "123456" }), 60200, 400);
        // A real number from a sandbox tenant: what a Twilio trial account gets for an unverified number.
        TwilioSdk.RestException(await server.RunAsync(credential, "verifications.create", new { service },
            new { to = "+8613912345678", channel = "sms" }), 21608, 400);
    }

    [VendorSdkFact]
    public async Task Verification_FetchAndCancel_ThenChecksAre404()
    {
        var (credential, service, tenant) = await SandboxServiceAsync();
        await tenant.RegisterNumberAsync(TestNumber);
        var sid = TwilioSdk.Body(await server.RunAsync(credential, "verifications.create", new { service }, new { to = TestNumber, channel = "sms" })).Str("sid");

        var fetched = TwilioSdk.Body(await server.RunAsync(credential, "verifications.fetch", new { service, sid }));
        Assert.Equal(("pending", TestNumber), (fetched.Str("status"), fetched.Str("to")));
        var canceled = TwilioSdk.Body(await server.RunAsync(credential, "verifications.update", new { service, sid }, new { status = "canceled" }));
        Assert.Equal("canceled", canceled.Str("status"));

        var code = await tenant.LatestCodeAsync(TestNumber);
        TwilioSdk.RestException(await server.RunAsync(credential, "verificationChecks.create", new { service }, new { to = TestNumber, code }), 20404, 404);
        // Unlike Twilio, the outcome stays readable after the verification is over.
        Assert.Equal("canceled", TwilioSdk.Body(await server.RunAsync(credential, "verifications.fetch", new { service, sid })).Str("status"));
    }

    [VendorSdkFact]
    public async Task Verification_UpdatedToApproved_IsApprovedWithoutACode_AndOtherStatusesAre60200()
    {
        var (credential, service, tenant) = await SandboxServiceAsync();
        await tenant.RegisterNumberAsync(TestNumber);
        var sid = TwilioSdk.Body(await server.RunAsync(credential, "verifications.create", new { service }, new { to = TestNumber, channel = "sms" })).Str("sid");

        TwilioSdk.RestException(await server.RunAsync(credential, "verifications.update", new { service, sid }, new { status = "pending" }), 60200, 400);
        var approved = TwilioSdk.Body(await server.RunAsync(credential, "verifications.update", new { service, sid }, new { status = "approved" }));

        Assert.Equal(("approved", sid), (approved.Str("status"), approved.Str("sid")));
        Assert.Equal("approved", TwilioSdk.Body(await server.RunAsync(credential, "verifications.fetch", new { service, sid })).Str("status"));
        var code = await tenant.LatestCodeAsync(TestNumber);
        TwilioSdk.RestException(await server.RunAsync(credential, "verificationChecks.create", new { service }, new { to = TestNumber, code }), 20404, 404);
    }

    [VendorSdkFact]
    public async Task Services_ListUpdateDelete_ThroughTheSdk()
    {
        var (credential, service, _) = await SandboxServiceAsync();
        server.App.Clock.Advance(TimeSpan.FromSeconds(1)); // listed oldest first
        TwilioSdk.Body(await server.RunAsync(credential, "services.create", parameters: new { friendlyName = "Second" }));

        // One a page: the SDK follows meta.next_page_url to the second.
        var listed = TwilioSdk.Body(await server.RunAsync(credential, "services.list", parameters: new { pageSize = 1 }));
        Assert.Equal(["Sandbox", "Second"], listed.EnumerateArray().Select(s => s.Str("friendlyName")));

        var updated = TwilioSdk.Body(await server.RunAsync(credential, "services.update", new { service }, new { friendlyName = Awkward, codeLength = 4 }));
        Assert.Equal((Awkward, 4), (updated.Str("friendlyName"), updated.Int("codeLength")));
        TwilioSdk.RestException(await server.RunAsync(credential, "services.update", new { service }, new { codeLength = 10 }), 60200, 400);

        TwilioSdk.Body(await server.RunAsync(credential, "services.remove", new { service }));
        TwilioSdk.RestException(await server.RunAsync(credential, "services.fetch", new { service }), 20404, 404);
    }

    [VendorSdkFact]
    public async Task FifthWrongCode_Is60202With429_AndTheRightCodeNoLongerWorks()
    {
        var (credential, service, tenant) = await SandboxServiceAsync();
        await tenant.RegisterNumberAsync(TestNumber);
        TwilioSdk.Body(await server.RunAsync(credential, "verifications.create", new { service }, new { to = TestNumber, channel = "sms" }));
        var code = await tenant.LatestCodeAsync(TestNumber);
        var wrong = code == "000000" ? "111111" : "000000";
        for (var attempt = 1; attempt < 5; attempt++)
        {
            Assert.Equal("pending", TwilioSdk.Body(await server.RunAsync(credential, "verificationChecks.create", new { service },
                new { to = TestNumber, code = wrong })).Str("status"));
        }

        TwilioSdk.RestException(await server.RunAsync(credential, "verificationChecks.create", new { service }, new { to = TestNumber, code = wrong }), 60202, 429);
        TwilioSdk.RestException(await server.RunAsync(credential, "verificationChecks.create", new { service }, new { to = TestNumber, code }), 20404, 404);
    }

    /// <summary>A sandbox tenant's service: nothing approved, so the built-in template to its test numbers.</summary>
    private async Task<((string, string) Credential, string Service, TestTenant Tenant)> SandboxServiceAsync()
    {
        var tenant = await server.App.CreateTenantAsync();
        var credential = await TwilioServer.CredentialAsync(tenant);
        var service = TwilioSdk.Body(await server.RunAsync(credential, "services.create", parameters: new { friendlyName = "Sandbox" })).Str("sid");
        return (credential, service, tenant);
    }
}
