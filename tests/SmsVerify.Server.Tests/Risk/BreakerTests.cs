using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Risk;

/// <summary>Content violations trip breakers on the template, then the signature, then the tenant; a risk officer resets them.</summary>
public sealed class BreakerTests : IAsyncLifetime
{
    private const string RealNumber = "+8613912345678";
    private const string Order = "您的订单${order}已发货，请注意查收。";
    private const string Pickup = "您的包裹已到${station}，取件码${code}，请及时领取。";
    private const string Refund = "您的退款${item}已原路退回，请注意查收。";

    // Low thresholds so a test reaches each of them in a few sends.
    private readonly SmsVerifyApp _app = new()
    {
        Settings =
        {
            ["Delivery:RunWorker"] = "false",
            ["Risk:Breakers:Template"] = "2",
            ["Risk:Breakers:Signature"] = "4",
            ["Risk:Breakers:Tenant"] = "6",
        },
    };

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(LiveSender Sender, string Order, string Pickup, string Refund)> SenderAsync()
    {
        var sender = await _app.CreateLiveSenderAsync();
        await _app.TopUpAsync(sender.Tenant.Id, 100m);
        return (sender, await sender.Tenant.CreateApprovedTemplateAsync(_app, Order, "notification"),
            await sender.Tenant.CreateApprovedTemplateAsync(_app, Pickup, "notification"),
            await sender.Tenant.CreateApprovedTemplateAsync(_app, Refund, "notification"));
    }

    private static object Clean(string template, string order, string pickup) =>
        template == order ? new { order = "SF1234567890" } : template == pickup ? new { station = "菜鸟驿站", code = "5821" } : new { item = "128.50元" };

    private static object Ad(string template, string order, string pickup) =>
        template == order ? new { order = "领取优惠券" } : template == pickup ? new { station = "菜鸟驿站，领红包", code = "5821" } : new { item = "加微信领返现" };

    private static async Task ViolateAsync(LiveSender sender, string template, object values) =>
        await (await sender.SendAsync(template, values, RealNumber)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "content_rejected");

    private static async Task<JsonElement> SuspendedAsync(HttpResponseMessage response, string scope)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.Locked, "sending_suspended");
        Assert.Equal(scope, problem.Str("scope"));
        return problem;
    }

    private async Task<JsonElement> ResetAsync(HttpClient risk, string breakerId, string reason = "Reviewed with the sender; the campaign was stopped.") =>
        await (await risk.PostJsonAsync($"/v1/risk/breakers/{breakerId}/reset", new { reason })).OkAsync();

    [Fact]
    public async Task Violations_TripTheTemplate_ThenTheSignature_ThenTheTenant()
    {
        var (sender, order, pickup, refund) = await SenderAsync();
        await (await sender.Http.PutJsonAsync("/v1/webhooks", new { url = "https://hooks.example.invalid/sms", events = new[] { "risk.breaker_opened" } })).OkAsync();
        var risk = await _app.OperatorWithRoleAsync();

        await ViolateAsync(sender, order, Ad(order, order, pickup));
        await (await sender.SendAsync(order, Clean(order, order, pickup), RealNumber)).OkAsync(HttpStatusCode.Accepted); // one is not yet enough
        await ViolateAsync(sender, order, Ad(order, order, pickup));

        var template = await SuspendedAsync(await sender.SendAsync(order, Clean(order, order, pickup), RealNumber), "template");
        Assert.Equal(order, template.Str("key"));
        await (await sender.SendAsync(pickup, Clean(pickup, order, pickup), RealNumber)).OkAsync(HttpStatusCode.Accepted);
        await (await sender.StartAsync(RealNumber)).OkAsync(HttpStatusCode.Created);

        await ViolateAsync(sender, pickup, Ad(pickup, order, pickup));
        await ViolateAsync(sender, refund, Ad(refund, order, pickup)); // the signature's fourth
        await SuspendedAsync(await sender.SendAsync(pickup, Clean(pickup, order, pickup), RealNumber), "signature");
        await SuspendedAsync(await sender.SendAsync(refund, Clean(refund, order, pickup), RealNumber), "signature");
        var verification = await SuspendedAsync(await sender.StartAsync("+8613912345679"), "signature");
        Assert.Equal(sender.Signature, verification.Str("key"));

        // The officer lets the signature send again; the tenant's count goes on.
        await ResetAsync(risk, verification.Str("breakerId"));
        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        await ViolateAsync(sender, refund, Ad(refund, order, pickup));
        await (await sender.SendAsync(pickup, Clean(pickup, order, pickup), RealNumber)).OkAsync(HttpStatusCode.Accepted);
        await ViolateAsync(sender, pickup, Ad(pickup, order, pickup)); // the tenant's sixth
        await SuspendedAsync(await sender.SendAsync(pickup, Clean(pickup, order, pickup), RealNumber), "tenant");
        await SuspendedAsync(await sender.StartAsync("+8613912345670"), "tenant");

        var open = await (await risk.GetAsync($"/v1/risk/breakers?tenantId={sender.Tenant.Id}&status=open")).OkAsync();
        Assert.Equal(["tenant", "template", "template", "template"], open.EnumerateArray().Select(b => b.Str("scope")));
        var own = await (await sender.Http.GetAsync("/v1/breakers")).OkAsync();
        Assert.Equal(4, own.GetArrayLength());
        var incidents = await (await risk.GetAsync($"/v1/risk/incidents?tenantId={sender.Tenant.Id}")).OkAsync();
        Assert.Equal(["tenant", "template", "template", "signature", "template"], incidents.EnumerateArray().Select(i => i.Str("scope")));
        Assert.Equal(5, await _app.WithDbAsync(db => db.WebhookDeliveries.CountAsync(d => d.TenantId == sender.Tenant.Id && d.Event == "risk.breaker_opened")));
        // Refusals while suspended are not violations: 6 content refusals only.
        Assert.Equal(6, await _app.WithDbAsync(db => db.Set<Server.Risk.Screening.ContentViolation>().CountAsync(v => v.TenantId == sender.Tenant.Id)));
    }

    [Fact]
    public async Task Reset_TakesTheRiskRoleAndAReason_AndSendingResumes_WithTheCountStartedAfresh()
    {
        var (sender, order, pickup, _) = await SenderAsync();
        await ViolateAsync(sender, pickup, Ad(pickup, order, pickup));
        await ViolateAsync(sender, pickup, Ad(pickup, order, pickup));
        var breakerId = (await SuspendedAsync(await sender.SendAsync(pickup, Clean(pickup, order, pickup), RealNumber), "template")).Str("breakerId");
        var path = $"/v1/risk/breakers/{breakerId}/reset";
        var risk = await _app.OperatorWithRoleAsync();

        await (await sender.Http.PostJsonAsync(path, new { reason = "mine" })).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await (await _app.AuditorAsync()).PostJsonAsync(path, new { reason = "x" })).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var noReason = await (await risk.PostJsonAsync(path, new { reason = "  " })).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal("reason", noReason.Str("field"));
        await (await risk.PostJsonAsync($"/v1/risk/breakers/{Guid.NewGuid()}/reset", new { reason = "x" })).ProblemAsync(HttpStatusCode.NotFound, "breaker_not_found");

        var reset = await ResetAsync(risk, breakerId, "False alarm: 红包 is the station's name.");

        Assert.Equal(("reset", "False alarm: 红包 is the station's name."), (reset.Str("status"), reset.Str("resetReason")));
        Assert.StartsWith("risk:key:", reset.Str("resetBy"));
        await (await risk.PostJsonAsync(path, new { reason = "again" })).ProblemAsync(HttpStatusCode.Conflict, "breaker_not_open");
        await (await sender.SendAsync(pickup, Clean(pickup, order, pickup), RealNumber)).OkAsync(HttpStatusCode.Accepted);
        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        await ViolateAsync(sender, pickup, Ad(pickup, order, pickup)); // the first since the reset
        await (await sender.SendAsync(pickup, Clean(pickup, order, pickup), RealNumber)).OkAsync(HttpStatusCode.Accepted);

        var trail = await (await (await _app.AuditorAsync()).GetAsync($"/v1/audit?target=breaker:{breakerId}")).OkAsync();
        Assert.Equal(["risk.breaker_opened", "risk.breaker_reset"], trail.EnumerateArray().Select(r => r.Str("action")));
    }

    [Fact]
    public async Task Incident_RecordsTheSender_MaskedSamples_AndEveryAction()
    {
        var (sender, order, pickup, _) = await SenderAsync();
        await ViolateAsync(sender, pickup, Ad(pickup, order, pickup));
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await ViolateAsync(sender, pickup, new { station = "驿站, 回复\"1\"领红包", code = "7730" });
        var risk = await _app.OperatorWithRoleAsync();
        var listed = Assert.Single((await (await risk.GetAsync($"/v1/risk/incidents?tenantId={sender.Tenant.Id}&status=open")).OkAsync()).EnumerateArray());
        await ResetAsync(risk, listed.Str("breakerId"), "Sender warned.");

        var incident = await (await risk.GetAsync($"/v1/risk/incidents/{listed.Str("id")}")).OkAsync();

        Assert.Equal(("closed", "template", sender.Signature, pickup), (incident.Str("status"), incident.Str("scope"), incident.Str("signature"), incident.Str("template")));
        Assert.Equal(("Acme", 2), (incident.Str("tenantName"), incident.Int("violations")));
        Assert.False(string.IsNullOrEmpty(incident.GetProperty("qualification").Str("subject")));
        Assert.Equal(["【某某科技】您的包裹已到驿站, 回复\"1\"领红包，取件码****，请及时领取。", "【某某科技】您的包裹已到菜鸟驿站，领红包，取件码****，请及时领取。"],
            incident.GetProperty("samples").EnumerateArray().Select(s => s.Str("text")));
        Assert.Equal("marketing_wording", incident.GetProperty("reasonCounts")[0].Str("code"));
        Assert.Equal(2, incident.GetProperty("reasonCounts")[0].Int("count"));
        var actions = incident.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(["breaker_opened", "breaker_reset"], actions.Select(a => a.Str("action")));
        Assert.Equal("system:risk-breakers", actions[0].Str("actor"));
        Assert.Equal("Sender warned.", actions[1].Str("reason"));
        Assert.True(incident.GetProperty("firstViolationAt").GetDateTime() < incident.GetProperty("lastViolationAt").GetDateTime());
        await (await risk.GetAsync($"/v1/risk/incidents/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound, "incident_not_found");
        await (await sender.Http.GetAsync("/v1/risk/incidents")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Incident_ExportsAsJsonAndCsv()
    {
        var (sender, order, pickup, _) = await SenderAsync();
        await ViolateAsync(sender, pickup, Ad(pickup, order, pickup));
        await ViolateAsync(sender, pickup, new { station = "驿站, 回复\"1\"领红包", code = "7730" });
        var risk = await _app.OperatorWithRoleAsync();
        var id = (await (await risk.GetAsync($"/v1/risk/incidents?tenantId={sender.Tenant.Id}")).OkAsync())[0].Str("id");

        var jsonResponse = await risk.GetAsync($"/v1/risk/incidents/{id}/export?format=json");
        Assert.Equal($"incident-{id}.json", jsonResponse.Content.Headers.ContentDisposition?.FileName);
        var json = await jsonResponse.OkAsync();
        var csvResponse = await risk.GetAsync($"/v1/risk/incidents/{id}/export?format=csv");

        Assert.Equal(id, json.GetProperty("incident").Str("id"));
        Assert.Contains("12321", json.Str("report"));
        Assert.Equal(2, json.GetProperty("incident").GetProperty("samples").GetArrayLength());
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var rows = Csv.Parse((await csvResponse.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
        Assert.Equal(3, rows.Count);
        var header = rows[0];
        Assert.All(rows, r => Assert.Equal(header.Count, r.Count));
        Assert.Equal(id, rows[1][header.IndexOf("incident_id")]);
        Assert.Equal(pickup, rows[1][header.IndexOf("template")]);
        Assert.Equal("【某某科技】您的包裹已到驿站, 回复\"1\"领红包，取件码****，请及时领取。", rows[1][header.IndexOf("sample_text")]);
        Assert.Contains("breaker_opened by system:risk-breakers", rows[2][header.IndexOf("actions")]);
        await (await risk.GetAsync($"/v1/risk/incidents/{id}/export?format=xml")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
    }
}
