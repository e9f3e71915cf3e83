using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Risk;

/// <summary>A risk officer trips a breaker by hand (it refuses sends as a tripped one does) and closes incidents with a note.</summary>
public sealed class ManualBreakerTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private const string RealNumber = "+8613912345678";

    private async Task<LiveSender> SenderAsync()
    {
        var sender = await app.CreateLiveSenderAsync();
        await app.TopUpAsync(sender.Tenant.Id, 100m);
        return sender;
    }

    [Fact]
    public async Task ATenantBreakerTrippedByHand_RefusesSends_AsAnOpenedOneDoes_UntilReset()
    {
        var sender = await SenderAsync();
        await (await sender.Http.PutJsonAsync("/v1/webhooks", new { url = "https://hooks.example.invalid/sms", events = new[] { "risk.breaker_opened" } })).OkAsync();
        var risk = await app.OperatorWithRoleAsync();

        var tripped = await (await risk.PostJsonAsync("/v1/risk/breakers",
            new { tenantId = sender.Tenant.Id, scope = "tenant", reason = "Complaints from carriers about this sender." })).OkAsync(HttpStatusCode.Created);

        Assert.Equal(("tenant", "open", 0), (tripped.Str("scope"), tripped.Str("status"), tripped.GetProperty("violations").GetInt32()));
        var refused = await (await sender.StartAsync(RealNumber)).ProblemAsync(HttpStatusCode.Locked, "sending_suspended");
        Assert.Equal(("tenant", tripped.Str("id")), (refused.Str("scope"), refused.Str("breakerId")));
        var incident = await (await risk.GetAsync($"/v1/risk/incidents/{tripped.Str("incidentId")}")).OkAsync();
        var action = Assert.Single(incident.GetProperty("actions").EnumerateArray());
        Assert.Equal(("breaker_tripped_by_hand", "Complaints from carriers about this sender."), (action.Str("action"), action.Str("reason")));
        var trail = await (await app.Operator().GetAsync($"/v1/audit?target=breaker:{tripped.Str("id")}")).OkAsync();
        Assert.Equal("risk.breaker_tripped_by_hand", Assert.Single(trail.EnumerateArray()).Str("action"));
        Assert.Equal(1, await app.WithDbAsync(db => db.WebhookDeliveries.CountAsync(d => d.TenantId == sender.Tenant.Id && d.Event == "risk.breaker_opened")));

        await (await risk.PostJsonAsync($"/v1/risk/breakers/{tripped.Str("id")}/reset", new { reason = "Sender explained; resumed." })).OkAsync();
        await (await sender.StartAsync(RealNumber)).OkAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ASignatureBreaker_StopsThatSignatureOnly_AndASecondTripIsRefused()
    {
        var sender = await SenderAsync();
        var risk = await app.OperatorWithRoleAsync();
        var body = new { tenantId = sender.Tenant.Id, scope = "signature", target = sender.Signature, reason = "Signature used by a third party." };

        var tripped = await (await risk.PostJsonAsync("/v1/risk/breakers", body)).OkAsync(HttpStatusCode.Created);
        var again = await (await risk.PostJsonAsync("/v1/risk/breakers", body)).ProblemAsync(HttpStatusCode.Conflict, "breaker_already_open");

        Assert.Equal(sender.Signature, tripped.Str("signature"));
        Assert.Equal(tripped.Str("id"), again.Str("breakerId"));
        var refused = await (await sender.StartAsync(RealNumber)).ProblemAsync(HttpStatusCode.Locked, "sending_suspended");
        Assert.Equal(("signature", sender.Signature), (refused.Str("scope"), refused.Str("key")));
    }

    [Fact]
    public async Task Trip_TakesTheRiskRole_AValidScopeAndTarget_AndABoundedReason()
    {
        var sender = await SenderAsync();
        var risk = await app.OperatorWithRoleAsync();
        var tenantId = sender.Tenant.Id;

        await (await (await app.AuditorAsync()).PostJsonAsync("/v1/risk/breakers", new { tenantId, scope = "tenant", reason = "x" }))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await sender.Http.PostJsonAsync("/v1/risk/breakers", new { tenantId, scope = "tenant", reason = "x" })).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        async Task<string> InvalidAsync(object body) =>
            (await (await risk.PostJsonAsync("/v1/risk/breakers", body)).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument")).Str("field");
        Assert.Equal("tenantId", await InvalidAsync(new { scope = "tenant", reason = "x" }));
        Assert.Equal("scope", await InvalidAsync(new { tenantId, scope = "planet", reason = "x" }));
        Assert.Equal("target", await InvalidAsync(new { tenantId, scope = "template", reason = "x" }));
        Assert.Equal("target", await InvalidAsync(new { tenantId, scope = "signature", target = new string('签', 41), reason = "x" }));
        Assert.Equal("reason", await InvalidAsync(new { tenantId, scope = "tenant", reason = "  " }));
        Assert.Equal("reason", await InvalidAsync(new { tenantId, scope = "tenant", reason = new string('x', 501) }));
        await (await risk.PostJsonAsync("/v1/risk/breakers", new { tenantId = Guid.NewGuid(), scope = "tenant", reason = "x" }))
            .ProblemAsync(HttpStatusCode.NotFound, "tenant_not_found");

        await (await sender.StartAsync(RealNumber)).OkAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AnIncident_IsClosedOnce_WithANote_Audited()
    {
        var sender = await SenderAsync();
        var risk = await app.OperatorWithRoleAsync();
        var tripped = await (await risk.PostJsonAsync("/v1/risk/breakers",
            new { tenantId = sender.Tenant.Id, scope = "template", target = sender.Template, reason = "Reported by a user." })).OkAsync(HttpStatusCode.Created);
        var path = $"/v1/risk/incidents/{tripped.Str("incidentId")}/close";

        await (await (await app.AuditorAsync()).PostJsonAsync(path, new { note = "x" })).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("note", (await (await risk.PostJsonAsync(path, new { note = " " })).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument")).Str("field"));
        await (await risk.PostJsonAsync(path, new { note = new string('x', 501) })).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        await (await risk.PostJsonAsync($"/v1/risk/incidents/{Guid.NewGuid()}/close", new { note = "x" })).ProblemAsync(HttpStatusCode.NotFound, "incident_not_found");

        var closed = await (await risk.PostJsonAsync(path, new { note = "Reported to 12321 under case 2026-118." })).OkAsync();
        await (await risk.PostJsonAsync(path, new { note = "again" })).ProblemAsync(HttpStatusCode.Conflict, "incident_not_open");

        Assert.Equal("closed", closed.Str("status"));
        Assert.Equal(("closed", "Reported to 12321 under case 2026-118."),
            (closed.GetProperty("actions").EnumerateArray().Last().Str("action"), closed.GetProperty("actions").EnumerateArray().Last().Str("reason")));
        var trail = await (await app.Operator().GetAsync($"/v1/audit?target=incident:{tripped.Str("incidentId")}")).OkAsync();
        Assert.Equal("risk.incident_closed", Assert.Single(trail.EnumerateArray()).Str("action"));
        // Closing settles the report; the breaker stays open until someone resets it.
        await (await sender.StartAsync(RealNumber)).ProblemAsync(HttpStatusCode.Locked, "sending_suspended");
    }
}
