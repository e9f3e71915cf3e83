using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Alibaba;

/// <summary>
/// Templates submitted through Alibaba's SDKs go through the native review: they show on <c>/v1/templates</c> with
/// the outcome <c>POST /v1/templates</c> gives the same content, read back with status and reason, send, and delete.
/// </summary>
public sealed class AlibabaTemplateSubmissionTests(AlibabaServer server) : IClassFixture<AlibabaServer>
{
    private const string Clean = "您的登录验证码为${code}，5分钟内有效，请勿泄露给他人。";
    private const string Marketing = "新品上市，全场八折，订单${order}已发货。";

    [VendorSdkFact]
    public async Task AddSmsTemplate_CleanVerification_IsAutoApproved_Sends_AndDeletes()
    {
        var sender = await AlibabaSender.CreateAsync(server);
        foreach (var options in AlibabaSender.Schemes())
        {
            var added = AlibabaSendSmsTests.Body(await sender.RunAsync("AddSmsTemplate",
                new { templateType = 0, templateName = "登录验证", templateContent = Clean, remark = "用户登录时验证手机号" }, options));
            Assert.Equal("OK", added.Str("code"));
            var code = added.Str("templateCode");

            var native = await (await sender.Live.Http.GetAsync($"/v1/templates/{code}")).OkAsync();
            Assert.Equal(("approved", "verification", "用户登录时验证手机号"), (native.Str("status"), native.Str("type"), native.Str("scenario")));
            var queried = AlibabaSendSmsTests.Body(await sender.RunAsync("QuerySmsTemplate", new { templateCode = code }, options));
            Assert.Equal((1, 0), (queried.Int("templateStatus"), queried.Int("templateType")));
            var sent = AlibabaSendSmsTests.Body(await sender.SendSmsAsync(AlibabaSender.NewPhone(), """{"code":"482916"}""", options, template: code));
            Assert.Equal("OK", sent.Str("code"));

            var deleted = AlibabaSendSmsTests.Body(await sender.RunAsync("DeleteSmsTemplate", new { templateCode = code }, options));
            Assert.Equal(("OK", code), (deleted.Str("code"), deleted.Str("templateCode")));
            Assert.Equal(HttpStatusCode.NotFound, (await sender.Live.Http.GetAsync($"/v1/templates/{code}")).StatusCode);
            var again = AlibabaSendSmsTests.Body(await sender.RunAsync("DeleteSmsTemplate", new { templateCode = code }, options));
            Assert.Equal("isv.SMS_TEMPLATE_ILLEGAL", again.Str("code"));
        }
    }

    [VendorSdkFact]
    public async Task CreateSmsTemplate_MarketingWordingInANotification_IsRejectedAsNatively_WithTheFindingsAsReason()
    {
        var sender = await AlibabaSender.CreateAsync(server);
        var nativeOutcome = await (await sender.Live.Http.PostJsonAsync("/v1/templates",
            new { name = "发货通知", type = "notification", content = Marketing, scenario = "发货通知" })).OkAsync(HttpStatusCode.Created);

        var created = AlibabaSendSmsTests.Body(await sender.RunAsync("CreateSmsTemplate", new
        {
            templateType = 1,
            templateName = "发货通知",
            templateContent = Marketing,
            remark = "发货通知",
            relatedSignName = sender.Live.Signature,
            templateRule = """{"order":"characterWithNumber"}""",
        }));
        Assert.Equal(("OK", "发货通知"), (created.Str("code"), created.Str("templateName")));
        var code = created.Str("templateCode");
        Assert.Equal(code["SMS_".Length..], created.Str("orderId"));

        var native = await (await sender.Live.Http.GetAsync($"/v1/templates/{code}")).OkAsync();
        Assert.Equal(nativeOutcome.Str("status"), native.Str("status"));
        Assert.Equal("rejected", native.Str("status"));
        Assert.Contains(native.GetProperty("findings").EnumerateArray(), f => f.Str("code") == "marketing_wording");
        var fetched = AlibabaSendSmsTests.Body(await sender.RunAsync("GetSmsTemplate", new { templateCode = code }));
        Assert.Equal(("2", "1"), (fetched.Str("templateStatus"), fetched.Str("templateType")));
        Assert.Contains("marketing", fetched.GetProperty("auditInfo").Str("rejectInfo"), StringComparison.Ordinal);
        var queried = AlibabaSendSmsTests.Body(await sender.RunAsync("QuerySmsTemplate", new { templateCode = code }, new { generation = "legacy" }));
        Assert.Equal(2, queried.Int("templateStatus"));
        Assert.Contains("marketing", queried.Str("reason"), StringComparison.Ordinal);
        var listed = AlibabaSendSmsTests.Body(await sender.RunAsync("QuerySmsTemplateList", new { pageIndex = 1, pageSize = 50 }));
        Assert.Equal(3, listed.Int("totalCount"));
        var entry = listed.GetProperty("smsTemplateList").EnumerateArray().Single(t => t.Str("templateCode") == code);
        Assert.Equal(("AUDIT_STATE_NOT_PASS", 1), (entry.Str("auditStatus"), entry.Int("templateType")));
        Assert.Contains("marketing", entry.GetProperty("reason").Str("rejectInfo"), StringComparison.Ordinal);
    }

    [VendorSdkFact]
    public async Task AddSmsTemplate_BadTypeOrOverlongName_IsRefusedInAlibabasCodes()
    {
        var sender = await AlibabaSender.CreateAsync(server);

        var international = AlibabaSendSmsTests.Body(await sender.RunAsync("AddSmsTemplate",
            new { templateType = 3, templateName = "x", templateContent = Clean, remark = "x" }));
        var overlong = AlibabaSendSmsTests.Body(await sender.RunAsync("AddSmsTemplate",
            new { templateType = 0, templateName = new string('名', 200), templateContent = Clean, remark = "x" }));

        Assert.Equal(("isv.INVALID_PARAMETERS", "isv.PARAM_LENGTH_LIMIT"), (international.Str("code"), overlong.Str("code")));
        Assert.Single((await (await sender.Live.Http.GetAsync("/v1/templates")).OkAsync()).EnumerateArray());
    }
}
