using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat;

public sealed partial class VendorSdkHarnessTests
{
    private const string AccountSid = "AC00000000000000000000000000000000";
    private const string ServiceSid = "VA00000000000000000000000000000000";

    private const string TwilioVerification = $$"""
        {"sid":"VE00000000000000000000000000000001","service_sid":"{{ServiceSid}}","account_sid":"{{AccountSid}}",
         "to":"+15017122661","channel":"sms","status":"pending","valid":false,
         "date_created":"2026-12-01T00:00:00Z","date_updated":"2026-12-01T00:00:00Z"}
        """;

    private static object TwilioCommand(string endpoint, string call, object? ids = null, object? parameters = null, object? options = null)
    {
        var command = new Dictionary<string, object?>
        {
            ["endpoint"] = endpoint,
            ["credentials"] = new { accountSid = AccountSid, authToken = Secret },
            ["options"] = options ?? new { },
            ["call"] = call,
            ["params"] = parameters ?? new { },
        };
        foreach (var property in ids?.GetType().GetProperties() ?? [])
        {
            command[property.Name] = property.GetValue(ids);
        }
        return command;
    }

    [VendorSdkFact]
    public async Task Twilio_VerificationCreate_PostsAFormWithBasicAuth()
    {
        await using var server = await FakeVendorServer.StartAsync(201, TwilioVerification);

        var result = await VendorSdk.RunAsync(VendorSdk.Twilio, TwilioCommand(server.Endpoint, "verifications.create",
            new { service = ServiceSid }, new { to = "+15017122661", channel = "sms", customFriendlyName = AwkwardText }));

        AssertOk(result);
        var body = result.GetProperty("body");
        Assert.Equal(("pending", ServiceSid), (body.Str("status"), body.Str("serviceSid")));
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", $"/v2/Services/{ServiceSid}/Verifications"), (request.Method, request.Target));
        Assert.Equal("application/x-www-form-urlencoded", request.Header("Content-Type"));
        Assert.Equal($"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{Secret}"))}", request.Header("Authorization"));
        var form = QueryHelpers.ParseQuery(request.BodyText);
        Assert.Equal(("+15017122661", "sms", AwkwardText), (form["To"].ToString(), form["Channel"].ToString(), form["CustomFriendlyName"].ToString()));
    }

    [VendorSdkFact]
    public async Task Twilio_NotFound_BecomesARestExceptionWithTwiliosCode()
    {
        await using var server = await FakeVendorServer.StartAsync(404,
            """{"code":20404,"message":"The requested resource was not found","more_info":"https://www.twilio.com/docs/errors/20404","status":404}""");

        var error = AssertError(await VendorSdk.RunAsync(VendorSdk.Twilio, TwilioCommand(server.Endpoint, "verificationChecks.create",
            new { service = ServiceSid }, new { to = "+15017122661", code = "123456" })));

        Assert.Equal((20404, 404), (error.Int("code"), error.Int("status")));
        Assert.Equal("https://www.twilio.com/docs/errors/20404", error.Str("moreInfo"));
        Assert.Equal("RestException", error.Str("name"));
        Assert.Equal($"/v2/Services/{ServiceSid}/VerificationCheck", Assert.Single(server.Requests).Target);
    }

    [VendorSdkFact]
    public async Task Twilio_Calls_ReachTheResourceTheLibraryNames_UnderAPathPrefix()
    {
        await using var server = await FakeVendorServer.StartAsync(200, TwilioVerification);
        var prefixed = $"http://{server.Endpoint}/twilio";
        var calls = new (object Command, string Wire)[]
        {
            (TwilioCommand(prefixed, "services.fetch", new { service = ServiceSid }), $"GET /twilio/v2/Services/{ServiceSid}"),
            (TwilioCommand(prefixed, "verifications.update", new { service = ServiceSid, sid = "VE1" }, new { status = "canceled" }),
                $"POST /twilio/v2/Services/{ServiceSid}/Verifications/VE1"),
            (TwilioCommand(prefixed, "verifications.fetch", new { service = ServiceSid, sid = "VE1" }), $"GET /twilio/v2/Services/{ServiceSid}/Verifications/VE1"),
            (TwilioCommand(prefixed, "rateLimits.buckets.create", new { service = ServiceSid, rateLimit = "RK1" }, new { max = 4, interval = 60 }),
                $"POST /twilio/v2/Services/{ServiceSid}/RateLimits/RK1/Buckets"),
        };

        foreach (var (command, wire) in calls)
        {
            AssertOk(await VendorSdk.RunAsync(VendorSdk.Twilio, command));
            Assert.Equal(wire, $"{server.Requests[^1].Method} {server.Requests[^1].Target}");
        }
        Assert.Equal("Max=4&Interval=60", server.Requests[^1].BodyText);
    }

    [VendorSdkFact]
    public async Task Twilio_WrongSecret_SendsAnotherToken()
    {
        await using var server = await FakeVendorServer.StartAsync(201, TwilioVerification);

        AssertOk(await VendorSdk.RunAsync(VendorSdk.Twilio, TwilioCommand(server.Endpoint, "verifications.create",
            new { service = ServiceSid }, new { to = "+15017122661", channel = "sms" }, new { wrongSecret = true })));

        var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(Assert.Single(server.Requests).Header("Authorization")!["Basic ".Length..]));
        Assert.Equal($"{AccountSid}:{Secret}-wrong", credentials);
    }
}
