using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Twilio;

/// <summary>Service rate limits and buckets made through Twilio's SDK hold verifications to them, as the native rate limits do.</summary>
public sealed class TwilioRateLimitTests(TwilioServer server) : IClassFixture<TwilioServer>
{
    [VendorSdkFact]
    public async Task Bucket_Full_NextVerificationForThatValue_Is20429()
    {
        var tenant = await server.App.CreateTenantAsync();
        var credential = await TwilioServer.CredentialAsync(tenant);
        var service = TwilioSdk.Body(await server.RunAsync(credential, "services.create", parameters: new { friendlyName = "Limited" })).Str("sid");
        string[] numbers = ["+8613800000011", "+8613800000012", "+8613800000013"];
        foreach (var number in numbers)
        {
            await tenant.RegisterNumberAsync(number);
        }
        var rateLimit = TwilioSdk.Body(await server.RunAsync(credential, "rateLimits.create", new { service }, new { uniqueName = "end_user_ip" }));
        Assert.Matches("^RK[0-9a-f]{32}$", rateLimit.Str("sid"));
        object Start(string to) => new { to, channel = "sms", rateLimits = new { end_user_ip = "203.0.113.7" } };

        var bucket = TwilioSdk.Body(await server.RunAsync(credential, "rateLimits.buckets.create",
            new { service, rateLimit = rateLimit.Str("sid") }, new { max = 2, interval = 3600 }));

        Assert.Equal((2, 3600), (bucket.Int("max"), bucket.Int("interval")));
        Assert.Single(TwilioSdk.Body(await server.RunAsync(credential, "rateLimits.buckets.list", new { service, rateLimit = rateLimit.Str("sid") })).EnumerateArray());
        TwilioSdk.Body(await server.RunAsync(credential, "verifications.create", new { service }, Start(numbers[0])));
        TwilioSdk.Body(await server.RunAsync(credential, "verifications.create", new { service }, Start(numbers[1])));
        TwilioSdk.RestException(await server.RunAsync(credential, "verifications.create", new { service }, Start(numbers[2])), 20429, 429);
        // The same key on the native API: one set of rate limits per tenant.
        var native = await (await tenant.Http.GetAsync("/v1/rate-limits/end_user_ip")).OkAsync();
        Assert.Equal(2, native.GetProperty("buckets")[0].Int("max"));
    }
}
