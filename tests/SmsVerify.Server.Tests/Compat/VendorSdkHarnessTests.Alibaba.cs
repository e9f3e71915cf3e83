using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat;

public sealed partial class VendorSdkHarnessTests
{
    private const string AlibabaOk = """{"Code":"OK","Message":"OK","BizId":"1","RequestId":"r"}""";

    private static object AlibabaSendSms(FakeVendorServer server, object options) => new
    {
        endpoint = server.Endpoint,
        credentials = new { accessKeyId = KeyId, accessKeySecret = Secret },
        options,
        call = "SendSms",
        @params = new { phoneNumbers = "13800138000", signName = "阿里云", templateCode = "SMS_154950909", templateParam = AwkwardText },
    };

    [VendorSdkFact]
    public async Task Alibaba_BothGenerations_SignAcs3WithParametersInTheQueryAndAnEmptyBody()
    {
        foreach (var generation in new[] { "current", "legacy" })
        {
            await using var server = await FakeVendorServer.StartAsync(200, AlibabaOk);

            var result = await VendorSdk.RunAsync(VendorSdk.Alibaba, AlibabaSendSms(server, new { generation }));

            AssertOk(result);
            Assert.Equal("OK", result.GetProperty("body").Str("code"));
            Assert.Equal("1", result.GetProperty("body").Str("bizId"));
            var request = Assert.Single(server.Requests);
            Assert.Equal(("POST", "/"), (request.Method, request.Path));
            var query = QueryHelpers.ParseQuery(request.Target[1..]);
            Assert.Equal(AwkwardText, query["TemplateParam"].ToString());
            Assert.Equal("阿里云", query["SignName"].ToString());
            Assert.Equal("SendSms", request.Header("x-acs-action"));
            Assert.Equal("2017-05-25", request.Header("x-acs-version"));
            Assert.StartsWith($"ACS3-HMAC-SHA256 Credential={KeyId},SignedHeaders=host;", request.Header("Authorization"), StringComparison.Ordinal);
            Assert.Empty(request.Body);
            Assert.Null(request.Header("Content-Type"));
        }
    }

    [VendorSdkFact]
    public async Task Alibaba_SignatureV2_SignsRpcHmacSha1InTheQuery()
    {
        foreach (var generation in new[] { "current", "legacy" })
        {
            await using var server = await FakeVendorServer.StartAsync(200, AlibabaOk);

            AssertOk(await VendorSdk.RunAsync(VendorSdk.Alibaba, AlibabaSendSms(server, new { generation, signatureAlgorithm = "v2" })));

            var request = Assert.Single(server.Requests);
            var query = QueryHelpers.ParseQuery(request.Target[1..]);
            Assert.Equal(("SendSms", "2017-05-25"), (query["Action"].ToString(), query["Version"].ToString()));
            Assert.Equal(KeyId, query["AccessKeyId"].ToString());
            Assert.Equal(("HMAC-SHA1", "1.0"), (query["SignatureMethod"].ToString(), query["SignatureVersion"].ToString()));
            Assert.NotEmpty(query["Signature"].ToString());
            Assert.Equal(AwkwardText, query["TemplateParam"].ToString());
            Assert.Null(request.Header("Authorization"));
            Assert.Empty(request.Body);
        }
    }

    [VendorSdkFact]
    public async Task Alibaba_ClientErrorStatus_BecomesAnErrorWithTheBodysCode()
    {
        foreach (var generation in new[] { "current", "legacy" })
        {
            await using var server = await FakeVendorServer.StartAsync(400, """{"Code":"SignatureDoesNotMatch","Message":"no","RequestId":"r"}""");

            var error = AssertError(await VendorSdk.RunAsync(VendorSdk.Alibaba, AlibabaSendSms(server, new { generation })));

            Assert.Equal("SignatureDoesNotMatch", error.Str("code"));
            Assert.Equal(400, error.Int("statusCode"));
            Assert.Equal("SignatureDoesNotMatch", error.GetProperty("data").Str("Code"));
        }
    }

    [VendorSdkFact]
    public async Task Alibaba_ReplayAndClockSkew_SendTheSignedRequestTwiceWithAnOldDate()
    {
        await using var server = await FakeVendorServer.StartAsync(200, AlibabaOk);

        var result = await VendorSdk.RunAsync(VendorSdk.Alibaba, AlibabaSendSms(server, new { replay = true, clockSkewSeconds = -3600 }));

        AssertOk(result);
        AssertOk(result.GetProperty("replay"));
        Assert.Equal(2, server.Requests.Count);
        AssertSameBytes(server.Requests[0], server.Requests[1]);
        var signedAt = DateTimeOffset.Parse(server.Requests[0].Header("x-acs-date")!, CultureInfo.InvariantCulture);
        AssertNear(DateTimeOffset.UtcNow.AddHours(-1), signedAt);
    }
}
