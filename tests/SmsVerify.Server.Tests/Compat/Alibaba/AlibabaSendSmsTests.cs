using System.Text.Json;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Alibaba;

/// <summary>
/// Alibaba's official Dysmsapi SDKs, unchanged but for endpoint and AccessKey, against SmsVerify: both SDK
/// generations, each signing with ACS3-HMAC-SHA256 and with the RPC HMAC-SHA1 signature.
/// </summary>
public sealed class AlibabaSendSmsTests(AlibabaServer server) : IClassFixture<AlibabaServer>
{
    // CJK, an emoji (a surrogate pair) and every character that URL and form encoders treat differently.
    private const string AwkwardText = "验证码 😀 '()*!~+&=/%";

    [VendorSdkFact]
    public async Task SendSms_EverySdkAndScheme_IsOkWithABizId_AndQuerySendDetailsFindsIt()
    {
        var sender = await AlibabaSender.CreateAsync(server);
        foreach (var options in AlibabaSender.Schemes())
        {
            var phone = AlibabaSender.NewPhone();

            var sent = Body(await sender.SendSmsAsync(phone, """{"code":"482916"}""", options, outId: AwkwardText));

            Assert.Equal(("OK", "OK"), (sent.Str("code"), sent.Str("message")));
            Assert.Matches("^[0-9a-f]{32}\\^0$", sent.Str("bizId"));
            Assert.NotEmpty(sent.Str("requestId"));
            var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            var found = Body(await sender.RunAsync("QuerySendDetails",
                new { phoneNumber = phone, sendDate = today, pageSize = 10, currentPage = 1, bizId = sent.Str("bizId") }, options));
            Assert.Equal("OK", found.Str("code"));
            Assert.Equal("1", found.Str("totalCount"));
            var detail = Assert.Single(found.GetProperty("smsSendDetailDTOs").GetProperty("smsSendDetailDTO").EnumerateArray());
            Assert.Equal((phone, sender.Live.Template, AwkwardText), (detail.Str("phoneNum"), detail.Str("templateCode"), detail.Str("outId")));
            Assert.Contains(detail.GetProperty("sendStatus").GetInt32(), new[] { 1, 2, 3 });
            Assert.DoesNotContain("482916", detail.Str("content"), StringComparison.Ordinal);
        }
    }

    [VendorSdkFact]
    public async Task SendSms_AwkwardCharactersInTemplateParam_AreSignedAndSentIntact()
    {
        var sender = await AlibabaSender.CreateAsync(server);
        var template = await sender.Live.Tenant.CreateApprovedTemplateAsync(server.App, Messaging.Notification, "notification");
        var phone = AlibabaSender.NewPhone();
        await sender.Live.Tenant.RegisterNumberAsync("+86" + phone);
        foreach (var options in AlibabaSender.Schemes())
        {
            var sent = Body(await sender.SendSmsAsync(phone, JsonSerializer.Serialize(new { order = AwkwardText }), options, template));

            Assert.Equal("OK", sent.Str("code"));
        }
        var inbox = await sender.Live.Tenant.InboxAsync("+86" + phone);
        Assert.Equal(4, inbox.GetArrayLength());
        Assert.All(inbox.EnumerateArray(), m => Assert.Contains(AwkwardText, m.Str("text"), StringComparison.Ordinal));
    }

    [VendorSdkFact]
    public async Task SendSms_ToATestNumber_PutsTheCodeInTheTenantsInbox()
    {
        var sender = await AlibabaSender.CreateAsync(server);
        var phone = AlibabaSender.NewPhone();
        await sender.Live.Tenant.RegisterNumberAsync("+86" + phone);

        var sent = Body(await sender.SendSmsAsync("+86" + phone, """{"code":"736150"}"""));

        Assert.Equal("OK", sent.Str("code"));
        Assert.Equal("736150", await sender.Live.Tenant.LatestCodeAsync("+86" + phone));
    }

    [VendorSdkFact]
    public async Task SendSms_SameNumberTooOften_IsBusinessLimitControl()
    {
        var sender = await AlibabaSender.CreateAsync(server);
        var phone = AlibabaSender.NewPhone();
        JsonElement sent;
        var sends = 0;
        do
        {
            sent = Body(await sender.SendSmsAsync("86" + phone, """{"code":"1234"}"""));
            sends++;
        }
        while (sent.Str("code") == "OK" && sends < 12);

        Assert.Equal("isv.BUSINESS_LIMIT_CONTROL", sent.Str("code"));
        Assert.StartsWith("触发", sent.Str("message"), StringComparison.Ordinal);
        Assert.False(sent.TryGetProperty("bizId", out var bizId) && bizId.ValueKind == JsonValueKind.String);
    }

    [VendorSdkFact]
    public async Task SendSms_UnapprovedTemplate_InvalidNumber_MissingVariable_UnknownSignature_AnswerAlibabasCodes()
    {
        var sender = await AlibabaSender.CreateAsync(server);

        Assert.Equal("isv.SMS_TEMPLATE_ILLEGAL", Body(await sender.SendSmsAsync(AlibabaSender.NewPhone(), """{"code":"1234"}""", template: "SMS_999999999")).Str("code"));
        Assert.Equal("isv.MOBILE_NUMBER_ILLEGAL", Body(await sender.SendSmsAsync("1234", """{"code":"1234"}""")).Str("code"));
        Assert.Equal("isv.TEMPLATE_MISSING_PARAMETERS", Body(await sender.SendSmsAsync(AlibabaSender.NewPhone(), "{}")).Str("code"));
        Assert.Equal("isv.INVALID_JSON_PARAM", Body(await sender.SendSmsAsync(AlibabaSender.NewPhone(), """{"code":1234}""")).Str("code"));
        var unsigned = Body(await sender.RunAsync("SendSms",
            new { phoneNumbers = AlibabaSender.NewPhone(), signName = "别家科技", templateCode = sender.Live.Template, templateParam = """{"code":"1234"}""" }));
        Assert.Equal("isv.SMS_SIGNATURE_ILLEGAL", unsigned.Str("code"));
    }

    [VendorSdkFact]
    public async Task SendBatchSms_OneSignatureAndOneSetOfValues_ReachesEveryNumber_AndDifferingValuesAreRefused()
    {
        var sender = await AlibabaSender.CreateAsync(server);
        var template = await sender.Live.Tenant.CreateApprovedTemplateAsync(server.App, Messaging.Notification, "notification");
        string[] phones = [AlibabaSender.NewPhone(), AlibabaSender.NewPhone()];
        foreach (var phone in phones)
        {
            await sender.Live.Tenant.RegisterNumberAsync("+86" + phone);
        }
        object Batch(params string[] orders) => new
        {
            phoneNumberJson = JsonSerializer.Serialize(phones),
            signNameJson = JsonSerializer.Serialize(phones.Select(_ => sender.Live.Signature)),
            templateCode = template,
            templateParamJson = JsonSerializer.Serialize(orders.Select(order => new { order })),
        };

        var sent = Body(await sender.RunAsync("SendBatchSms", Batch(AwkwardText, AwkwardText)));

        Assert.Equal("OK", sent.Str("code"));
        Assert.Matches("^[0-9a-f]{32}\\^0$", sent.Str("bizId"));
        foreach (var phone in phones)
        {
            var message = Assert.Single((await sender.Live.Tenant.InboxAsync("+86" + phone)).EnumerateArray());
            Assert.Contains(AwkwardText, message.Str("text"), StringComparison.Ordinal);
        }
        // One send carries one set of values: a batch that differs per number is refused whole, nothing sent.
        Assert.Equal("isv.INVALID_PARAMETERS", Body(await sender.RunAsync("SendBatchSms", Batch("A1", "B2"))).Str("code"));
        Assert.Single((await sender.Live.Tenant.InboxAsync("+86" + phones[0])).EnumerateArray());
    }

    internal static JsonElement Body(JsonElement result)
    {
        Assert.True(result.GetProperty("ok").GetBoolean(), $"expected ok: {result}");
        return result.GetProperty("body");
    }
}
