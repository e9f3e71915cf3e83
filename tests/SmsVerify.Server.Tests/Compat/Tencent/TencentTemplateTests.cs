using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Tencent;

/// <summary>
/// Templates submitted through Tencent's SDK go through the native review, <c>{1}</c>, <c>{2}</c>… becoming
/// SmsVerify variables in order: listed with their status and reason in Tencent's form, sent with positional
/// values, and deleted.
/// </summary>
public sealed class TencentTemplateTests(TencentServer server) : IClassFixture<TencentServer>
{
    [VendorSdkFact]
    public async Task AddSmsTemplate_CleanVerification_IsAutoApproved_ListedInTencentForm_AndSends()
    {
        var content = "您的登录验证码为{1}，5分钟内有效，请勿泄露给他人。";
        var id = await AddAsync("登录验证", content, smsType: 0);

        var native = await (await server.Sender.Http.GetAsync($"/v1/templates/SMS_{id}")).OkAsync();
        Assert.Equal(("approved", "verification"), (native.Str("status"), native.Str("type")));
        var listed = await DescribeAsync(id);
        Assert.Equal((0, content, "登录验证"), (listed.Int("StatusCode"), listed.Str("TemplateContent"), listed.Str("TemplateName")));
        Assert.InRange(listed.GetProperty("CreateTime").GetInt64(), DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds());

        var sent = TencentSendSmsTests.Ok(await server.SendAsync(id, ["774411"], [TencentServer.TestNumber]));
        Assert.Contains("验证码为774411", await server.InboxTextAsync(sent.GetProperty("SendStatusSet")[0].Str("SerialNo")), StringComparison.Ordinal);
    }

    [VendorSdkFact]
    public async Task Notification_WaitsForAnAuditor_ThenPositionalValuesFillTheirPlaces_AndDeleteRemovesIt()
    {
        var id = await AddAsync("发货通知", "订单{1}已由{2}发出，{2}会联系您。", smsType: 0);
        Assert.Equal(1, (await DescribeAsync(id)).Int("StatusCode"));
        await ApproveAsync($"SMS_{id}");

        var sent = TencentSendSmsTests.Ok(await server.SendAsync(id, ["A123", "顺丰"], [TencentServer.TestNumber]));
        Assert.Contains("订单A123已由顺丰发出，顺丰会联系您", await server.InboxTextAsync(sent.GetProperty("SendStatusSet")[0].Str("SerialNo")), StringComparison.Ordinal);

        var deleted = TencentSendSmsTests.Ok(await server.CallAsync("DeleteSmsTemplate", new { TemplateId = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.Equal("return successfully", deleted.GetProperty("DeleteTemplateStatus").Str("DeleteStatus"));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Sender.Http.GetAsync($"/v1/templates/SMS_{id}")).StatusCode);
        var again = await server.CallAsync("DeleteSmsTemplate", new { TemplateId = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture) },
            TencentSignTests.RepeatOptions);
        Assert.Equal("FailedOperation.TemplateIdNotExist", again.GetProperty("error").Str("code"));
    }

    [VendorSdkFact]
    public async Task MarketingWordingInAnOrdinaryTemplate_IsRejected_AsTheNativeApiRejectsIt_WithTheReason()
    {
        var id = await AddAsync("活动", "新品上市，全场八折，订单{1}已发货。", smsType: 0);
        var native = await (await server.Sender.Http.PostJsonAsync("/v1/templates",
            new { name = "活动", type = "notification", content = "新品上市，全场八折，订单${p1:text}已发货。", scenario = "活动" })).OkAsync(HttpStatusCode.Created);

        var listed = await DescribeAsync(id);
        Assert.Equal("rejected", native.Str("status"));
        Assert.Equal(-1, listed.Int("StatusCode"));
        Assert.Contains("marketing", listed.Str("ReviewReply"), StringComparison.Ordinal);
        Assert.Equal("新品上市，全场八折，订单{1}已发货。", listed.Str("TemplateContent"));
    }

    [VendorSdkFact]
    public async Task PlaceholdersOutOfOrder_AreRefused_AndListingPagesByLimitAndOffset()
    {
        var refused = await server.CallAsync("AddSmsTemplate",
            new { TemplateName = "x", TemplateContent = "订单{2}已由{1}发出", SmsType = 0, International = 0, Remark = "x" });
        Assert.Equal("InvalidParameterValue", refused.GetProperty("error").Str("code"));

        var page = TencentSendSmsTests.Ok(await server.CallAsync("DescribeSmsTemplateList", new { International = 0, Limit = 1, Offset = 0 }));
        Assert.Single(page.GetProperty("DescribeTemplateStatusSet").EnumerateArray());
    }

    private async Task<string> AddAsync(string name, string content, int smsType)
    {
        var added = TencentSendSmsTests.Ok(await server.CallAsync("AddSmsTemplate",
            new { TemplateName = name, TemplateContent = content, SmsType = smsType, International = 0, Remark = name }));
        var id = added.GetProperty("AddTemplateStatus").Str("TemplateId");
        Assert.Matches("^[0-9]+$", id);
        return id;
    }

    private async Task<System.Text.Json.JsonElement> DescribeAsync(string id)
    {
        var listed = TencentSendSmsTests.Ok(await server.CallAsync("DescribeSmsTemplateList",
            new { TemplateIdSet = new[] { long.Parse(id, System.Globalization.CultureInfo.InvariantCulture) }, International = 0 }));
        return Assert.Single(listed.GetProperty("DescribeTemplateStatusSet").EnumerateArray());
    }

    private async Task ApproveAsync(string code)
    {
        var auditor = await server.App.AuditorAsync();
        var item = (await (await auditor.GetAsync("/v1/review/items?kind=template")).OkAsync()).EnumerateArray()
            .Single(i => i.GetProperty("submission").Str("code") == code).Str("id");
        await (await auditor.PostJsonAsync($"/v1/review/items/{item}/approve", new { })).OkAsync();
    }
}
