using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Alibaba;

/// <summary>What the SDKs throw when a request fails its check: Alibaba's own codes and statuses, for both signatures.</summary>
public sealed class AlibabaAuthenticationTests(AlibabaServer server) : IClassFixture<AlibabaServer>
{
    private const string Code = """{"code":"1234"}""";

    [VendorSdkFact]
    public async Task WrongSecret_IsSignatureDoesNotMatch_AndCountedAgainstTheCredential()
    {
        var sender = await AlibabaSender.CreateAsync(server);
        foreach (var options in AlibabaSender.Schemes(("wrongSecret", true)))
        {
            var error = Error(await sender.SendSmsAsync(AlibabaSender.NewPhone(), Code, options));

            Assert.Equal(("SignatureDoesNotMatch", 400), (error.Str("code"), error.Int("statusCode")));
            Assert.Equal("SignatureDoesNotMatch", error.GetProperty("data").Str("Code"));
            Assert.NotEmpty(error.GetProperty("data").Str("RequestId"));
        }
        Assert.Equal(4, await server.App.WithDbAsync(db => db.VendorCredentials.Where(c => c.KeyId == sender.KeyId).Select(c => c.FailedAttempts).SingleAsync()));
    }

    [VendorSdkFact]
    public async Task ClockAnHourBehind_IsInvalidTimeStampExpired()
    {
        var sender = await AlibabaSender.CreateAsync(server);
        foreach (var options in AlibabaSender.Schemes(("clockSkewSeconds", -3600)))
        {
            var error = Error(await sender.SendSmsAsync(AlibabaSender.NewPhone(), Code, options));

            Assert.Equal(("InvalidTimeStamp.Expired", 400), (error.Str("code"), error.Int("statusCode")));
        }
    }

    [VendorSdkFact]
    public async Task ClockTenMinutesBehind_IsWithinTheWindow()
    {
        var sender = await AlibabaSender.CreateAsync(server);

        var result = await sender.SendSmsAsync(AlibabaSender.NewPhone(), Code, new { clockSkewSeconds = -600 });

        Assert.Equal("OK", AlibabaSendSmsTests.Body(result).Str("code"));
    }

    [VendorSdkFact]
    public async Task Replay_OfASignedRequest_IsSignatureNonceUsed_AndSendsNothingMore()
    {
        var sender = await AlibabaSender.CreateAsync(server);
        foreach (var options in AlibabaSender.Schemes(("replay", true)))
        {
            var phone = AlibabaSender.NewPhone();
            var result = await sender.SendSmsAsync(phone, Code, options);

            Assert.Equal("OK", AlibabaSendSmsTests.Body(result).Str("code"));
            var error = Error(result.GetProperty("replay"));
            Assert.Equal(("SignatureNonceUsed", 400), (error.Str("code"), error.Int("statusCode")));
            Assert.Equal(1, await server.App.WithDbAsync(db => db.Messages.CountAsync(m => m.To == "+86" + phone)));
        }
    }

    [VendorSdkFact]
    public async Task UnknownAccessKeyId_IsInvalidAccessKeyIdNotFound()
    {
        var sender = await AlibabaSender.CreateAsync(server) with { KeyId = "LTAI00000000000000000000" };
        foreach (var options in AlibabaSender.Schemes())
        {
            var error = Error(await sender.SendSmsAsync(AlibabaSender.NewPhone(), Code, options));

            Assert.Equal(("InvalidAccessKeyId.NotFound", 404), (error.Str("code"), error.Int("statusCode")));
        }
    }

    private static JsonElement Error(JsonElement result)
    {
        Assert.False(result.GetProperty("ok").GetBoolean(), $"expected an error: {result}");
        return result.GetProperty("error");
    }
}
