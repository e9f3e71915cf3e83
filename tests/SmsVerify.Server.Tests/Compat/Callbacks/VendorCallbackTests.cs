using System.Net;
using System.Text.Json;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Callbacks;

/// <summary>
/// A webhook in a vendor's format: what an app's existing Alibaba or Tencent callback receiver gets after a send
/// through the vendor's official SDK to a test number (delivered at once) and after the phone replies.
/// </summary>
public sealed class VendorCallbackTests(CallbackServer server) : IClassFixture<CallbackServer>
{
    private const string DateTime = @"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$";

    [VendorSdkFact]
    public async Task AlibabaFormat_PostsSmsReportWithTheSendsBizIdAndOutId_ThenSmsUp()
    {
        var tenant = await server.TenantAsync("alibaba");
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await tenant.WebhookAsync(receiver, "alibaba");
        var national = tenant.Phone[3..];

        var sent = Body(await tenant.AlibabaAsync("SendSms", new
        {
            phoneNumbers = national,
            signName = tenant.Sender.Signature,
            templateCode = tenant.Template,
            templateParam = """{"order":"A1","courier":"B2"}""",
            outId = "订单-42",
        }));
        var report = (await ArrivalAsync(receiver, b => b.ValueKind == JsonValueKind.Array && b[0].TryGetProperty("biz_id", out _)))[0];
        await tenant.ReplyAsync("收到，谢谢");
        var up = await ArrivalAsync(receiver, b => b.ValueKind == JsonValueKind.Array && b[0].TryGetProperty("content", out _));

        Assert.Equal("alibaba", webhook.Str("format"));
        Assert.Equal(["message.status", "inbound.received"], webhook.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal((sent.Str("bizId"), "订单-42", national, true, "DELIVERED", "1"),
            (report.Str("biz_id"), report.Str("out_id"), report.Str("phone_number"), report.GetProperty("success").GetBoolean(), report.Str("err_code"), report.Str("sms_size")));
        Assert.Matches(DateTime, report.Str("send_time"));
        Assert.Matches(DateTime, report.Str("report_time"));
        var reply = Assert.Single(up.EnumerateArray());
        Assert.Equal((national, "收到，谢谢", tenant.Sender.Signature), (reply.Str("phone_number"), reply.Str("content"), reply.Str("sign_name")));
        Assert.Matches(@"^\d{6}$", reply.Str("dest_code"));
        Assert.True(reply.GetProperty("sequence_id").GetInt64() > 0);
        Assert.All(receiver.Requests, r => Assert.StartsWith("sha256=", r.Signature, StringComparison.Ordinal));
    }

    [VendorSdkFact]
    public async Task TencentFormat_PostsStatusCallbackWithSerialNoAndSessionContext_ThenReplyCallback()
    {
        var tenant = await server.TenantAsync("tencent");
        await using var receiver = await WebhookReceiver.StartAsync();
        await tenant.WebhookAsync(receiver, "tencent");
        var before = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds();

        var sent = TencentSendAsync(tenant, "ctx-9");
        var serial = (await sent).GetProperty("SendStatusSet")[0].Str("SerialNo");
        var report = (await ArrivalAsync(receiver, b => b.ValueKind == JsonValueKind.Array && b[0].TryGetProperty("sid", out _)))[0];
        await tenant.ReplyAsync("好的");
        var reply = await ArrivalAsync(receiver, b => b.ValueKind == JsonValueKind.Object && b.TryGetProperty("text", out _));

        Assert.Equal((serial, tenant.Phone[3..], "86", "SUCCESS", "DELIVRD", "ctx-9"),
            (report.Str("sid"), report.Str("mobile"), report.Str("nationcode"), report.Str("report_status"), report.Str("errmsg"),
                report.GetProperty("ext").Str("SessionContext")));
        Assert.Matches(DateTime, report.Str("user_receive_time"));
        Assert.Equal((tenant.Phone[3..], "86", tenant.Sender.Signature, "好的", ""),
            (reply.Str("mobile"), reply.Str("nationcode"), reply.Str("sign"), reply.Str("text"), reply.Str("extend")));
        Assert.InRange(reply.GetProperty("time").GetInt64(), before, DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds());
    }

    [VendorSdkFact]
    public async Task TencentPullSmsReplyStatus_ReturnsAReplyOnce()
    {
        var tenant = await server.TenantAsync("tencent");
        await TencentSendAsync(tenant, "ctx-1");
        await tenant.ReplyAsync("改天再约 😀");

        var first = Ok(await tenant.TencentAsync("PullSmsReplyStatus", new { SmsSdkAppId = tenant.AppId, Limit = 10 }));
        var second = Ok(await tenant.TencentAsync("PullSmsReplyStatus", new { SmsSdkAppId = tenant.AppId, Limit = 10 }));

        var reply = Assert.Single(first.GetProperty("PullSmsReplyStatusSet").EnumerateArray());
        Assert.Equal(("改天再约 😀", tenant.Phone, "86", tenant.Phone[3..], tenant.Sender.Signature),
            (reply.Str("ReplyContent"), reply.Str("PhoneNumber"), reply.Str("CountryCode"), reply.Str("SubscriberNumber"), reply.Str("SignName")));
        Assert.InRange(reply.GetProperty("ReplyTime").GetInt64(), DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds());
        Assert.Empty(second.GetProperty("PullSmsReplyStatusSet").EnumerateArray());
    }

    [Fact]
    public async Task VendorFormat_RefusesEventsTheVendorHasNoShapeFor_AndAnUnknownFormat()
    {
        var tenant = await server.App.CreateTenantAsync();

        var unshaped = await tenant.Http.PutJsonAsync("/v1/webhooks", new { url = "http://127.0.0.1:9/hook", format = "tencent", events = new[] { "review.completed" } });
        var unknown = await tenant.Http.PutJsonAsync("/v1/webhooks", new { url = "http://127.0.0.1:9/hook", format = "huawei" });
        var plain = await (await tenant.Http.PutJsonAsync("/v1/webhooks", new { url = "http://127.0.0.1:9/hook" })).OkAsync();

        await unshaped.ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        await unknown.ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal(("smsverify", 0), (plain.Str("format"), plain.GetProperty("events").GetArrayLength()));
    }

    private static async Task<JsonElement> TencentSendAsync(CallbackTenant tenant, string session) => Ok(await tenant.TencentAsync("SendSms", new
    {
        SmsSdkAppId = tenant.AppId,
        SignName = tenant.Sender.Signature,
        TemplateId = tenant.Template["SMS_".Length..],
        TemplateParamSet = new[] { "A1", "B2" },
        PhoneNumberSet = new[] { tenant.Phone },
        SessionContext = session,
    }));

    /// <summary>The first body received that <paramref name="match"/> picks, waiting for more as they come.</summary>
    private static async Task<JsonElement> ArrivalAsync(WebhookReceiver receiver, Func<JsonElement, bool> match)
    {
        while (true)
        {
            foreach (var request in receiver.Requests)
            {
                var body = JsonDocument.Parse(request.Body).RootElement;
                if (match(body))
                {
                    return body;
                }
            }
            await receiver.NextAsync();
        }
    }

    private static JsonElement Body(JsonElement result)
    {
        Assert.True(result.GetProperty("ok").GetBoolean(), $"expected ok: {result}");
        return result.GetProperty("body");
    }

    private static JsonElement Ok(JsonElement result)
    {
        var body = Body(result);
        Assert.False(body.TryGetProperty("Error", out var error), $"expected no error: {error}");
        return body;
    }
}
