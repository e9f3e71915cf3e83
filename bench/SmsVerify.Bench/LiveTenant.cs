using System.Net.Http.Json;
using static SmsVerify.Bench.SetupApi;

namespace SmsVerify.Bench;

/// <summary>
/// A live enterprise tenant as a real sender has it before its first message: an approved qualification, signature
/// and notification template, and a large balance. Set up through the API, as an operator and an auditor would.
/// </summary>
internal sealed record LiveTenant(string Key, string Signature, string NotificationTemplate, string Auditor)
{
    /// <summary>The notification template's one variable is <c>order</c>; rendered it is one UCS-2 segment.</summary>
    public const string NotificationContent = "您的订单${order}已发货，请注意查收。";

    public const string VerificationContent = "您的验证码为${code}，5分钟内有效，请勿泄露。";

    public static async Task<LiveTenant> CreateAsync(HttpClient http, string operatorKey)
    {
        var tenant = await CallAsync(http, HttpMethod.Post, "/v1/tenants", operatorKey, JsonContent.Create(new { name = "bench", kind = "enterprise" }));
        string key = tenant.GetProperty("apiKey").GetString()!;
        string tenantId = tenant.GetProperty("id").GetString()!;
        string auditor = (await CallAsync(http, HttpMethod.Post, "/v1/operators/keys", operatorKey, JsonContent.Create(new { role = "auditor" })))
            .GetProperty("apiKey").GetString()!;
        var qualification = new MultipartFormDataContent();
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["kind"] = "enterprise",
            ["companyName"] = "北京某某科技有限公司",
            ["creditCode"] = "91350100M000100Y43",
            ["licenceStatus"] = "normal",
            ["establishedOn"] = "2015-06-01",
            ["legalRepName"] = "张三",
            ["legalRepIdNumber"] = "11010519491231002X",
            ["industry"] = "E-commerce",
        })
        {
            qualification.Add(new StringContent(value), name);
        }
        qualification.Add(new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4]) { Headers = { ContentType = new("image/jpeg") } }, "licence", "licence.jpg");
        await ApproveAsync(http, auditor, (await CallAsync(http, HttpMethod.Post, "/v1/qualifications", key, qualification)).GetProperty("id").GetString()!);
        // Purpose general: the signature serves notification and verification templates alike.
        var signature = new MultipartFormDataContent { { new StringContent("某某科技"), "name" }, { new StringContent("company"), "source" }, { new StringContent("general"), "purpose" } };
        await ApproveAsync(http, auditor, (await CallAsync(http, HttpMethod.Post, "/v1/signatures", key, signature)).GetProperty("id").GetString()!);
        var template = await CallAsync(http, HttpMethod.Post, "/v1/templates", key,
            JsonContent.Create(new { name = "发货", type = "notification", content = NotificationContent, scenario = "订单发货通知" }));
        var items = await CallAsync(http, HttpMethod.Get, "/v1/review/items?kind=template", auditor, null);
        await ApproveAsync(http, auditor, items[0].GetProperty("id").GetString()!);
        await CallAsync(http, HttpMethod.Post, $"/v1/tenants/{tenantId}/balance", operatorKey, JsonContent.Create(new { amount = 1_000_000 }));
        return new LiveTenant(key, "某某科技", template.GetProperty("code").GetString()!, auditor);
    }

    /// <summary>Adds an approved verification template and returns its code.</summary>
    public async Task<string> AddVerificationTemplateAsync(HttpClient http)
    {
        var template = await CallAsync(http, HttpMethod.Post, "/v1/templates", Key,
            JsonContent.Create(new { name = "登录验证码", type = "verification", content = VerificationContent, scenario = "用户登录时验证手机号" }));
        // A clean verification template of an approved enterprise is approved at once; otherwise an auditor does it.
        if (template.GetProperty("status").GetString() != "approved")
        {
            foreach (var item in (await CallAsync(http, HttpMethod.Get, "/v1/review/items?kind=template", Auditor, null)).EnumerateArray())
            {
                await ApproveAsync(http, Auditor, item.GetProperty("id").GetString()!);
            }
        }
        return template.GetProperty("code").GetString()!;
    }

    /// <summary>Points the tenant's webhook at <paramref name="url"/>, for <c>message.status</c> events only.</summary>
    public Task SetWebhookAsync(HttpClient http, Uri url) =>
        CallAsync(http, HttpMethod.Put, "/v1/webhooks", Key, JsonContent.Create(new { url = url.ToString(), events = new[] { "message.status" } }));
}
