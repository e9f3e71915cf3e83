using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Audit;

public sealed class AuditApiTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Fact]
    public async Task StateChanges_AreRecordedWithWhoWhatAndTarget()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.RegisterNumberAsync("13812345678");
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Http.DeleteAsync("/v1/sandbox/numbers/13812345678")).StatusCode);

        var created = Assert.Single((await (await app.Operator().GetAsync($"/v1/audit?target=tenant:{tenant.Id}")).OkAsync()).EnumerateArray());
        Assert.Equal("tenant.created", created.Str("action"));
        Assert.StartsWith("admin:key:", created.Str("actor"));
        Assert.Equal(tenant.Id.ToString(), created.Str("tenantId"));
        Assert.False(string.IsNullOrEmpty(created.Str("requestId")));

        var numberTrail = await (await app.Operator().GetAsync($"/v1/audit?target=sandbox_number:{tenant.Id}:%2B8613812345678")).OkAsync();
        Assert.Equal(["sandbox_number.registered", "sandbox_number.deleted"], numberTrail.EnumerateArray().Select(r => r.Str("action")));
        Assert.All(numberTrail.EnumerateArray(), r => Assert.StartsWith($"tenant:{tenant.Id}/key:", r.Str("actor")));
    }

    [Fact]
    public async Task Verification_EveryStepIsRecordedInOrder()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.RegisterNumberAsync("13812345678", fixedCode: "1234");
        var first = (await tenant.StartOkAsync("13812345678")).Str("id");
        await (await tenant.CheckAsync(first, "9999")).OkAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(60));
        await tenant.StartOkAsync("13812345678");
        await (await tenant.CheckAsync(first, "1234")).OkAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(60));
        var second = (await tenant.StartOkAsync("13812345678")).Str("id");
        await (await tenant.Http.PostAsync($"/v1/verifications/{second}/cancel", null)).OkAsync();

        var firstTrail = await (await app.Operator().GetAsync($"/v1/audit?target=verification:{first}")).OkAsync();
        Assert.Equal(["verification.started", "verification.check_failed", "verification.resent", "verification.approved"],
            firstTrail.EnumerateArray().Select(r => r.Str("action")));
        var secondTrail = await (await app.Operator().GetAsync($"/v1/audit?target=verification:{second}")).OkAsync();
        Assert.Equal(["verification.started", "verification.canceled"], secondTrail.EnumerateArray().Select(r => r.Str("action")));
        Assert.True((await (await app.Operator().GetAsync("/v1/audit/verify")).OkAsync()).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Refused_Changes_AreNotRecorded()
    {
        var tenant = await app.CreateTenantAsync();
        await (await tenant.Http.DeleteAsync("/v1/sandbox/numbers/13900001111")).ProblemAsync(HttpStatusCode.NotFound, "sandbox_number_not_found");
        var trail = await (await app.Operator().GetAsync($"/v1/audit?target=sandbox_number:{tenant.Id}:%2B8613900001111")).OkAsync();
        Assert.Equal(0, trail.GetArrayLength());
    }

    [Fact]
    public async Task ConcurrentChanges_FormOneUnbrokenChain()
    {
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => app.CreateTenantAsync(name: $"Tenant {i}")));

        var verification = await (await app.Operator().GetAsync("/v1/audit/verify")).OkAsync();
        Assert.True(verification.GetProperty("valid").GetBoolean(), verification.ToString());
        var count = await app.WithDbAsync(db => db.AuditRecords.CountAsync());
        Assert.Equal(count, verification.GetProperty("records").GetInt64());
        var sequences = await app.WithDbAsync(db => db.AuditRecords.OrderBy(r => r.Sequence).Select(r => r.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task Verify_RecordAlteredInTheDatabase_IsNamed()
    {
        await using var own = await SmsVerifyApp.StartAsync([]);
        var victim = await own.CreateTenantAsync(name: "Victim");
        await own.CreateTenantAsync(name: "After");
        var sequence = await own.WithDbAsync(db => db.AuditRecords.Where(r => r.Target == $"tenant:{victim.Id}").Select(r => r.Sequence).SingleAsync());

        await own.WithDbAsync(db => db.AuditRecords.Where(r => r.Sequence == sequence)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Detail, "kind=Personal")));

        var verification = await (await own.Operator().GetAsync("/v1/audit/verify")).OkAsync();
        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Equal(sequence, verification.GetProperty("brokenAt").GetInt64());
        Assert.Contains("altered", verification.Str("reason"));
    }

    [Fact]
    public async Task Verify_RecordDeletedFromTheDatabase_IsNamed()
    {
        await using var own = await SmsVerifyApp.StartAsync([]);
        await own.CreateTenantAsync(name: "One");
        await own.CreateTenantAsync(name: "Two");
        await own.CreateTenantAsync(name: "Three");
        await own.WithDbAsync(db => db.AuditRecords.Where(r => r.Sequence == 2).ExecuteDeleteAsync());

        var verification = await (await own.Operator().GetAsync("/v1/audit/verify")).OkAsync();
        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Equal(3, verification.GetProperty("brokenAt").GetInt64());
    }

    [Fact]
    public async Task Export_IsOneJsonRecordPerLine()
    {
        var tenant = await app.CreateTenantAsync();
        var response = await app.Operator().GetAsync($"/v1/audit/export?target=tenant:{tenant.Id}");
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var record = System.Text.Json.JsonDocument.Parse(Assert.Single(lines)).RootElement;
        Assert.Equal("tenant.created", record.Str("action"));
        Assert.Equal(64, record.Str("hash").Length);
    }

    [Fact]
    public async Task Query_NarrowsToAnActor_AndAnActionPrefix_Bounded()
    {
        var tenant = await app.CreateTenantAsync();
        var risk = await (await app.Operator().PostJsonAsync("/v1/operators/keys", new { role = "risk" })).OkAsync(HttpStatusCode.Created);
        var riskKey = app.WithKey(risk.Str("apiKey"));
        await (await riskKey.PostJsonAsync("/v1/risk/breakers", new { tenantId = tenant.Id, scope = "tenant", reason = "Test trip." })).OkAsync(HttpStatusCode.Created);
        var actor = (await (await app.Operator().GetAsync($"/v1/audit?action=risk.breaker_tripped&limit=500")).OkAsync()).EnumerateArray().Last().Str("actor");

        var byActor = await (await app.Operator().GetAsync($"/v1/audit?actor={Uri.EscapeDataString(actor)}")).OkAsync();
        var byPrefix = await (await app.Operator().GetAsync("/v1/audit?action=tenant.&limit=500")).OkAsync();

        Assert.StartsWith("risk:key:", actor);
        Assert.Equal(["risk.breaker_tripped_by_hand"], byActor.EnumerateArray().Select(r => r.Str("action")));
        Assert.Contains(byPrefix.EnumerateArray(), r => r.Str("target") == $"tenant:{tenant.Id}");
        Assert.All(byPrefix.EnumerateArray(), r => Assert.StartsWith("tenant.", r.Str("action")));
        var tooLong = await (await app.Operator().GetAsync($"/v1/audit?action={new string('a', 65)}")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal("action", tooLong.Str("field"));
    }

    [Fact]
    public async Task Audit_IsForAdminsAndAuditorsOnly()
    {
        var tenant = await app.CreateTenantAsync();
        await (await tenant.Http.GetAsync("/v1/audit")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var risk = await (await app.Operator().PostJsonAsync("/v1/operators/keys", new { role = "risk" })).OkAsync(HttpStatusCode.Created);
        await (await app.WithKey(risk.Str("apiKey")).GetAsync("/v1/audit")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var auditor = await (await app.Operator().PostJsonAsync("/v1/operators/keys", new { role = "auditor" })).OkAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await app.WithKey(auditor.Str("apiKey")).GetAsync("/v1/audit/verify")).StatusCode);
    }
}
