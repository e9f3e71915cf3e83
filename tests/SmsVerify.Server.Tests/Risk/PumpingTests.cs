using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Risk.Pumping;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Risk;

public sealed class PumpingTests : IAsyncLifetime
{
    private const string Pumped = "1380013";
    private const string Normal = "1391234";

    private PumpingApp _app = null!;

    public async Task InitializeAsync() => _app = await PumpingApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string In(string block, int i) => $"+86{block}{i:D4}";

    [Fact]
    public async Task PumpedBlock_IsBlockedForThatTenant_WhileItsOtherBlocksAndOtherTenantsKeepSending()
    {
        var attacked = await _app.SenderAsync();
        var other = await _app.SenderAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await (await attacked.Http.PutJsonAsync("/v1/webhooks", new { url = receiver.Url, events = new[] { "risk.block_created" } })).OkAsync();
        // Forty codes into one block with two entered, beside a block whose users enter nine codes in ten.
        await _app.SendAsync(attacked, Pumped, 40, approve: 2);
        await _app.SendAsync(attacked, Normal, 40, approve: 36);
        await _app.SendAsync(other, Pumped, 10, first: 100);

        Assert.Equal(1, await _app.DetectAsync());

        var refused = await (await attacked.StartAsync(In(Pumped, 500))).ProblemAsync(HttpStatusCode.Forbidden, "number_block_blocked");
        Assert.Equal(Pumped, refused.Str("block"));
        var batch = await (await attacked.Http.PostJsonAsync("/v1/messages",
            new { to = new[] { In(Normal, 501), In(Pumped, 501) }, signature = attacked.Signature, template = attacked.Template, @params = new { code = "123456" } }))
            .ProblemAsync(HttpStatusCode.Forbidden, "number_block_blocked");
        Assert.Equal(1, batch.Int("index"));
        await (await attacked.StartAsync(In(Normal, 500))).OkAsync(HttpStatusCode.Created);
        await (await other.StartAsync(In(Pumped, 500))).OkAsync(HttpStatusCode.Created);
        await attacked.Tenant.RegisterNumberAsync(In(Pumped, 9999));
        await (await attacked.StartAsync(In(Pumped, 9999))).OkAsync(HttpStatusCode.Created);

        await receiver.NextAsync();
        var (body, _, eventName) = Assert.Single(receiver.Requests);
        Assert.Equal("risk.block_created", eventName);
        var data = JsonDocument.Parse(body).RootElement.GetProperty("data");
        Assert.Equal((Pumped, "active", 40, 2, 0.05), (data.Str("block"), data.Str("status"), data.Int("sends"), data.Int("approved"), data.GetProperty("conversion").GetDouble()));
        Assert.Equal(refused.GetProperty("blockId").GetGuid(), data.GetProperty("id").GetGuid());
        var audit = await (await (await _app.App.AuditorAsync()).GetAsync($"/v1/audit?target=risk_block:{data.Str("id")}")).OkAsync();
        var record = Assert.Single(audit.EnumerateArray());
        Assert.Equal(("risk.block_created", "system:pumping"), (record.Str("action"), record.Str("actor")));

        Assert.Equal(0, await _app.DetectAsync());
    }

    [Fact]
    public async Task DetectorsRunningAtOnce_CreateTheBlockOnce()
    {
        var attacked = await _app.SenderAsync();
        await _app.SendAsync(attacked, Pumped, 40);
        _app.App.Clock.Advance(TimeSpan.FromMinutes(10));
        var detector = _app.App.Services.GetRequiredService<PumpingDetector>();

        var created = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => detector.RunOnceAsync(CancellationToken.None))));

        Assert.Equal(1, created.Sum());
        Assert.Single((await (await attacked.Http.GetAsync("/v1/risk/blocks")).OkAsync()).EnumerateArray());
    }

    [Fact]
    public async Task BlockWithGoodConversion_IsNotBlocked_HoweverBusy()
    {
        var sender = await _app.SenderAsync();
        await _app.SendAsync(sender, Normal, 60, approve: 45);

        Assert.Equal(0, await _app.DetectAsync());

        await (await sender.StartAsync(In(Normal, 500))).OkAsync(HttpStatusCode.Created);
        Assert.Equal(0, (await (await sender.Http.GetAsync("/v1/risk/blocks")).OkAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Blocks_AreListedAndLifted_ByTheTenantAndRiskOfficers_AndALiftHoldsAgainstTheOldSends()
    {
        var attacked = await _app.SenderAsync();
        var other = await _app.SenderAsync();
        var risk = await _app.RiskOfficerAsync();
        await _app.SendAsync(attacked, Pumped, 40);
        await _app.DetectAsync();

        var own = Assert.Single((await (await attacked.Http.GetAsync("/v1/risk/blocks?status=active")).OkAsync()).EnumerateArray());
        var id = own.Str("id");
        Assert.Equal(0, (await (await other.Http.GetAsync("/v1/risk/blocks")).OkAsync()).GetArrayLength());
        Assert.Equal(id, Assert.Single((await (await risk.GetAsync($"/v1/risk/blocks?tenant={attacked.Tenant.Id}")).OkAsync()).EnumerateArray()).Str("id"));
        await (await attacked.Http.GetAsync($"/v1/risk/blocks?tenant={other.Tenant.Id}")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        await (await _app.App.Operator().GetAsync("/v1/risk/blocks")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await other.Http.DeleteAsync($"/v1/risk/blocks/{id}")).ProblemAsync(HttpStatusCode.NotFound, "risk_block_not_found");

        var lifted = await (await attacked.Http.DeleteAsync($"/v1/risk/blocks/{id}?reason=our%20own%20test%20run")).OkAsync();

        Assert.Equal(("lifted", "our own test run"), (lifted.Str("status"), lifted.Str("liftReason")));
        Assert.StartsWith($"tenant:{attacked.Tenant.Id}/key:", lifted.Str("liftedBy"));
        await (await attacked.StartAsync(In(Pumped, 500))).OkAsync(HttpStatusCode.Created);
        var again = await (await risk.DeleteAsync($"/v1/risk/blocks/{id}")).ProblemAsync(HttpStatusCode.Conflict, "risk_block_not_active");
        Assert.Equal("lifted", again.Str("blockStatus"));
        var audit = await (await (await _app.App.AuditorAsync()).GetAsync($"/v1/audit?target=risk_block:{id}")).OkAsync();
        Assert.Equal(["risk.block_created", "risk.block_lifted"], audit.EnumerateArray().Select(r => r.Str("action")).Order());
        Assert.Equal(0, await _app.DetectAsync());

        // Pumping that goes on after the lift is judged on its own sends, and blocked again.
        await _app.SendAsync(attacked, Pumped, 40, first: 1000);
        Assert.Equal(1, await _app.DetectAsync());
        var blocks = await (await risk.GetAsync("/v1/risk/blocks")).OkAsync();
        Assert.Equal(["active", "lifted"], blocks.EnumerateArray().Select(b => b.Str("status")));
        Assert.Equal("lifted", Assert.Single((await (await risk.GetAsync("/v1/risk/blocks?status=lifted")).OkAsync()).EnumerateArray()).Str("status"));
    }

    [Fact]
    public async Task PumpedBlock_OpensAnIncident_WithMaskedSamples_AndTheLiftClosesIt()
    {
        var attacked = await _app.SenderAsync();
        var risk = await _app.RiskOfficerAsync();
        await _app.SendAsync(attacked, Pumped, 40);
        await _app.DetectAsync();

        var incident = Assert.Single((await (await risk.GetAsync($"/v1/risk/incidents?tenantId={attacked.Tenant.Id}")).OkAsync()).EnumerateArray());
        var blockId = Assert.Single((await (await attacked.Http.GetAsync("/v1/risk/blocks")).OkAsync()).EnumerateArray()).Str("id");
        Assert.Equal(("pumping", Pumped, blockId, "open", 40), (incident.Str("kind"), incident.Str("block"), incident.Str("blockId"), incident.Str("status"), incident.Int("violations")));
        Assert.Equal(JsonValueKind.Null, incident.GetProperty("breakerId").ValueKind);
        var samples = incident.GetProperty("samples").EnumerateArray().ToList();
        Assert.Equal(10, samples.Count);
        // The message log's text, with the code masked: a sample must not hand out a live code.
        Assert.All(samples, sample => Assert.DoesNotMatch(@"\d{6}", sample.Str("text")));
        Assert.Equal(("number_block_blocked", "system:pumping"), (incident.GetProperty("actions")[0].Str("action"), incident.GetProperty("actions")[0].Str("actor")));

        await (await attacked.Http.DeleteAsync($"/v1/risk/blocks/{blockId}?reason=campaign")).OkAsync();

        var closed = await (await risk.GetAsync($"/v1/risk/incidents/{incident.Str("id")}")).OkAsync();
        Assert.Equal("closed", closed.Str("status"));
        var lift = closed.GetProperty("actions")[1];
        Assert.Equal(("block_lifted", "campaign"), (lift.Str("action"), lift.Str("reason")));
        var csv = await (await risk.GetAsync($"/v1/risk/incidents/{incident.Str("id")}/export?format=csv")).Content.ReadAsStringAsync();
        Assert.Contains($",pumping,,{Pumped},", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Block_ExpiresAfterItsDuration_AndTheDetectorsNextRoundClosesItsIncident()
    {
        var attacked = await _app.SenderAsync();
        var risk = await _app.RiskOfficerAsync();
        await _app.SendAsync(attacked, Pumped, 40);
        await _app.DetectAsync();
        await (await attacked.StartAsync(In(Pumped, 500))).ProblemAsync(HttpStatusCode.Forbidden, "number_block_blocked");
        var block = Assert.Single((await (await attacked.Http.GetAsync("/v1/risk/blocks")).OkAsync()).EnumerateArray());

        _app.App.Clock.Advance(TimeSpan.FromDays(1));

        await (await attacked.StartAsync(In(Pumped, 500))).OkAsync(HttpStatusCode.Created);
        Assert.Equal("expired", Assert.Single((await (await attacked.Http.GetAsync("/v1/risk/blocks")).OkAsync()).EnumerateArray()).Str("status"));
        await _app.DetectAsync();
        await _app.DetectAsync(); // a second round, as another node's would be, records nothing more
        var incident = Assert.Single((await (await risk.GetAsync($"/v1/risk/incidents?tenantId={attacked.Tenant.Id}")).OkAsync()).EnumerateArray());
        Assert.Equal(("closed", block.Str("expiresAt")), (incident.Str("status"), incident.Str("closedAt")));
        var actions = incident.GetProperty("actions").EnumerateArray().Select(a => a.Str("action")).ToList();
        Assert.Equal(["number_block_blocked", "block_expired"], actions);
    }
}
