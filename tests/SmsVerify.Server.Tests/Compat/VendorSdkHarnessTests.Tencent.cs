using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat;

public sealed partial class VendorSdkHarnessTests
{
    private const string TencentOk = """
        {"Response":{"SendStatusSet":[{"SerialNo":"s1","PhoneNumber":"+8613800138000","Fee":1,"SessionContext":"",
         "Code":"Ok","Message":"send success","IsoCode":"CN"}],"RequestId":"r"}}
        """;

    private static object TencentSendSms(FakeVendorServer server, object options) => new
    {
        endpoint = server.Endpoint,
        credentials = new { secretId = KeyId, secretKey = Secret },
        options,
        call = "SendSms",
        @params = new
        {
            SmsSdkAppId = "1400006666",
            SignName = "腾讯云",
            TemplateId = "449739",
            TemplateParamSet = new[] { AwkwardText },
            PhoneNumberSet = new[] { "+8613800138000" },
        },
    };

    private static DateTimeOffset TencentSignedAt(RecordedRequest request) =>
        DateTimeOffset.FromUnixTimeSeconds(long.Parse(request.Header("X-TC-Timestamp")!, CultureInfo.InvariantCulture));

    [VendorSdkFact]
    public async Task Tencent_Tc3_SignsWithTheEndpointsFirstLabelAsServiceAndSendsUtf8Json()
    {
        await using var server = await FakeVendorServer.StartAsync(200, TencentOk);

        var result = await VendorSdk.RunAsync(VendorSdk.Tencent, TencentSendSms(server, new { }));

        AssertOk(result);
        Assert.Equal("Ok", result.GetProperty("body").GetProperty("SendStatusSet")[0].Str("Code"));
        Assert.Equal("r", result.GetProperty("body").Str("RequestId"));
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/"), (request.Method, request.Target));
        Assert.Equal(("SendSms", "2021-01-11"), (request.Header("X-TC-Action"), request.Header("X-TC-Version")));
        Assert.Equal("application/json", request.Header("Content-Type"));
        var scope = $"{KeyId}/{TencentSignedAt(request):yyyy-MM-dd}/127/tc3_request";
        Assert.StartsWith($"TC3-HMAC-SHA256 Credential={scope}, SignedHeaders=content-type;host, Signature=",
            request.Header("Authorization"), StringComparison.Ordinal);
        // Raw UTF-8, not \u escapes: the hash a server checks is over these bytes.
        Assert.Contains("腾讯云", request.BodyText, StringComparison.Ordinal);
        Assert.Equal(AwkwardText, JsonDocument.Parse(request.Body).RootElement.GetProperty("TemplateParamSet")[0].GetString());
    }

    [VendorSdkFact]
    public async Task Tencent_HmacSha256_SendsEverythingInAFormBody()
    {
        await using var server = await FakeVendorServer.StartAsync(200, TencentOk);

        AssertOk(await VendorSdk.RunAsync(VendorSdk.Tencent, TencentSendSms(server, new { signMethod = "HmacSHA256" })));

        var request = Assert.Single(server.Requests);
        Assert.Equal("application/x-www-form-urlencoded", request.Header("Content-Type"));
        Assert.Null(request.Header("Authorization"));
        var form = QueryHelpers.ParseQuery(request.BodyText);
        Assert.Equal(("SendSms", "HmacSHA256"), (form["Action"].ToString(), form["SignatureMethod"].ToString()));
        Assert.Equal(KeyId, form["SecretId"].ToString());
        Assert.NotEmpty(form["Signature"].ToString());
        Assert.Equal(AwkwardText, form["TemplateParamSet.0"].ToString());
        Assert.Equal("+8613800138000", form["PhoneNumberSet.0"].ToString());
    }

    [VendorSdkFact]
    public async Task Tencent_ErrorInsideA200Response_BecomesAnErrorWithItsCode()
    {
        await using var server = await FakeVendorServer.StartAsync(200,
            """{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"no"},"RequestId":"r"}}""");

        var error = AssertError(await VendorSdk.RunAsync(VendorSdk.Tencent, TencentSendSms(server, new { })));

        Assert.Equal("AuthFailure.SignatureFailure", error.Str("code"));
        Assert.Equal("r", error.Str("requestId"));
        Assert.Equal("TencentCloudSDKHttpException", error.Str("name"));
    }

    [VendorSdkFact]
    public async Task Tencent_ReplayAndClockSkew_SendTheSignedRequestTwiceWithAnOldTimestamp()
    {
        await using var server = await FakeVendorServer.StartAsync(200, TencentOk);

        var result = await VendorSdk.RunAsync(VendorSdk.Tencent, TencentSendSms(server, new { replay = true, clockSkewSeconds = -3600 }));

        AssertOk(result.GetProperty("replay"));
        Assert.Equal(2, server.Requests.Count);
        AssertSameBytes(server.Requests[0], server.Requests[1]);
        AssertNear(DateTimeOffset.UtcNow.AddHours(-1), TencentSignedAt(server.Requests[0]));
    }
}
