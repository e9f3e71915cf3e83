using System.Text.Json;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Tencent;

/// <summary>Tencent Cloud's official Node SDK, unchanged but for its endpoint, sends through SmsVerify.</summary>
public sealed class TencentSendSmsTests(TencentServer server) : IClassFixture<TencentServer>
{
    // CJK, an emoji (a surrogate pair) and every character that URL and form encoders treat differently.
    private const string AwkwardText = "验证码 😀 '()*!~+&=/%";

    [VendorSdkFact]
    public async Task Tc3Post_ToATestNumber_AnswersOk_AndTheCodeLandsInTheInbox()
    {
        var result = await server.SendAsync(server.VerificationId, ["481516"], [TencentServer.TestNumber], session: "order-1");

        var entry = Assert.Single(Ok(result).GetProperty("SendStatusSet").EnumerateArray());
        Assert.Equal(("Ok", "send success", TencentServer.TestNumber, "CN", "order-1"),
            (entry.Str("Code"), entry.Str("Message"), entry.Str("PhoneNumber"), entry.Str("IsoCode"), entry.Str("SessionContext")));
        Assert.Equal(1, entry.Int("Fee"));
        Assert.True(Guid.TryParse(entry.Str("SerialNo"), out _));
        Assert.Contains("验证码为481516", await server.InboxTextAsync(entry.Str("SerialNo")), StringComparison.Ordinal);
    }

    [VendorSdkFact]
    public Task Tc3Get_SendsAndAnswersOk() => AssertSchemeSendsAsync(new { reqMethod = "GET" });

    [VendorSdkFact]
    public Task HmacSha256_SendsAndAnswersOk() => AssertSchemeSendsAsync(new { signMethod = "HmacSHA256" });

    [VendorSdkFact]
    public Task HmacSha1_SendsAndAnswersOk() => AssertSchemeSendsAsync(new { signMethod = "HmacSHA1" });

    [VendorSdkFact]
    public async Task TemplateParamSet_FillsTheVariablesInOrder_WithCjkEmojiAndReservedCharactersIntact()
    {
        foreach (var options in new object[] { new { }, new { reqMethod = "GET" }, new { signMethod = "HmacSHA256" } })
        {
            var result = await server.SendAsync(server.NotificationId, [AwkwardText, "顺丰"], [TencentServer.TestNumber], options);

            var entry = Ok(result).GetProperty("SendStatusSet")[0];
            Assert.Equal("Ok", entry.Str("Code"));
            Assert.Contains($"订单{AwkwardText}已由顺丰发出", await server.InboxTextAsync(entry.Str("SerialNo")), StringComparison.Ordinal);
        }
    }

    [VendorSdkFact]
    public async Task WrongSecret_ThrowsSignatureFailure()
    {
        foreach (var options in new object[] { new { wrongSecret = true }, new { wrongSecret = true, signMethod = "HmacSHA1" } })
        {
            Assert.Equal("AuthFailure.SignatureFailure", Error(await server.SendAsync(server.VerificationId, ["1234"], [TencentServer.TestNumber], options)));
        }
        // Operators see the failed checks on the credential.
        Assert.True(await server.App.WithDbAsync(db => Task.FromResult(db.VendorCredentials.Single(c => c.KeyId == server.SecretId).FailedAttempts)) >= 2);
    }

    [VendorSdkFact]
    public async Task AlibabaRpcRequest_WithActionAndSignatureMethod_IsNotTakenForTencents()
    {
        using var http = server.App.CreateClient();
        var response = await http.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Action"] = "SendSms",
            ["AccessKeyId"] = "LTAI0000",
            ["SignatureMethod"] = "HMAC-SHA1",
            ["Signature"] = "x",
            ["SignatureNonce"] = "1",
        }));

        Assert.DoesNotContain("\"Response\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [VendorSdkFact]
    public async Task ClockAnHourOff_ThrowsSignatureExpire()
    {
        foreach (var options in new object[] { new { clockSkewSeconds = -3600 }, new { clockSkewSeconds = -3600, signMethod = "HmacSHA256" } })
        {
            Assert.Equal("AuthFailure.SignatureExpire", Error(await server.SendAsync(server.VerificationId, ["1234"], [TencentServer.TestNumber], options)));
        }
    }

    [VendorSdkFact]
    public async Task Replay_OfTheSameSignedRequest_IsRefused()
    {
        foreach (var options in new object[] { new { replay = true }, new { replay = true, signMethod = "HmacSHA256" } })
        {
            var result = await server.SendAsync(server.NotificationId, ["A1", "B2"], [TencentServer.TestNumber], options);

            Ok(result);
            Assert.Equal("AuthFailure.SignatureFailure", Error(result.GetProperty("replay")));
        }
    }

    [VendorSdkFact]
    public async Task UnknownSecretId_AndAnotherApp_AreRefusedWithTencentsCodes()
    {
        var unknown = await VendorSdk.RunAsync(VendorSdk.Tencent, new
        {
            endpoint = server.Endpoint,
            credentials = new { secretId = "AKIDnotissuedbythisserver0000000000", secretKey = "x" },
            options = new { },
            call = "PullSmsSendStatus",
            @params = new { SmsSdkAppId = server.AppId, Limit = 10 },
        });
        Assert.Equal("AuthFailure.SecretIdNotFound", Error(unknown));
        Assert.Equal("UnauthorizedOperation.SmsSdkAppIdVerifyFail",
            Error(await server.SendAsync(server.VerificationId, ["1234"], [TencentServer.TestNumber], appId: "1400000000")));
    }

    [VendorSdkFact]
    public async Task UnapprovedTemplate_ThrowsTemplateIncorrectOrUnapproved()
    {
        Assert.Equal("FailedOperation.TemplateIncorrectOrUnapproved", Error(await server.SendAsync("100000001", ["1234"], [TencentServer.TestNumber])));
    }

    [VendorSdkFact]
    public async Task InvalidNumber_GetsItsOwnEntry_AndTheOtherNumbersAreSent()
    {
        var result = await server.SendAsync(server.NotificationId, ["A1", "B2"], ["12345", TencentServer.TestNumber]);

        var entries = Ok(result).GetProperty("SendStatusSet");
        Assert.Equal(("12345", "InvalidParameterValue.IncorrectPhoneNumber", 0), (entries[0].Str("PhoneNumber"), entries[0].Str("Code"), entries[0].Int("Fee")));
        Assert.Equal((TencentServer.TestNumber, "Ok"), (entries[1].Str("PhoneNumber"), entries[1].Str("Code")));
    }

    [VendorSdkFact]
    public async Task RateLimitedNumber_GetsTheLimitExceededCode_InItsEntry()
    {
        const string number = "+8613900002222";
        await server.Sender.Tenant.RegisterNumberAsync(number);
        string code;
        var sends = 0;
        do
        {
            var result = await server.SendAsync(server.VerificationId, ["2468"], [number]);
            code = Ok(result).GetProperty("SendStatusSet")[0].Str("Code");
            sends++;
        }
        while (code == "Ok" && sends < 20);

        Assert.StartsWith("LimitExceeded.PhoneNumber", code, StringComparison.Ordinal);
    }

    private async Task AssertSchemeSendsAsync(object options)
    {
        var result = await server.SendAsync(server.NotificationId, ["A1", "B2"], [TencentServer.TestNumber], options);

        var entry = Assert.Single(Ok(result).GetProperty("SendStatusSet").EnumerateArray());
        Assert.Equal("Ok", entry.Str("Code"));
        Assert.Contains("订单A1已由B2发出", await server.InboxTextAsync(entry.Str("SerialNo")), StringComparison.Ordinal);
    }

    internal static JsonElement Ok(JsonElement result)
    {
        Assert.True(result.GetProperty("ok").GetBoolean(), $"expected ok: {result}");
        var body = result.GetProperty("body");
        Assert.True(Guid.TryParse(body.Str("RequestId"), out _));
        return body;
    }

    internal static string Error(JsonElement result)
    {
        Assert.False(result.GetProperty("ok").GetBoolean(), $"expected an error: {result}");
        return result.GetProperty("error").Str("code");
    }
}
