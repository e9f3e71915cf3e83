using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Tests.Risk;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Console;

/// <summary>The risk and audit pages over HTTP: who may open them, forms refused without their token, the score box, the chain's verification.</summary>
public sealed partial class ConsoleRiskAuditTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private static FormUrlEncodedContent Form(string token, Dictionary<string, string> fields) =>
        new(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token });

    [Theory]
    [InlineData("/console/risk")]
    [InlineData("/console/risk/score")]
    [InlineData("/console/risk/incidents")]
    public async Task RiskPages_AreForAdminAndRisk_NotAuditors_AndSendTheSignedOutToSignIn(string path)
    {
        var signedOut = await app.ConsoleClient().GetAsync(path);
        var auditor = await (await app.SignedInAsync("auditor")).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/console/sign-in", signedOut.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, auditor.StatusCode);
        Assert.Contains("/console/denied", auditor.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInAsync("risk")).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInAsync("admin")).GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task TheAuditPage_IsForAdminAndAuditors_NotRisk()
    {
        var risk = await (await app.SignedInAsync("risk")).GetAsync("/console/audit");
        var signedOut = await app.ConsoleClient().GetAsync("/console/audit");

        Assert.Contains("/console/denied", risk.Headers.Location!.ToString());
        Assert.Contains("/console/sign-in", signedOut.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInAsync("auditor")).GetAsync("/console/audit")).StatusCode);
    }

    [Fact]
    public async Task TrippingByHand_NeedsTheAntiforgeryToken_AndTheRiskRole()
    {
        var tenant = await app.CreateTenantAsync();
        var fields = new Dictionary<string, string> { ["tenantId"] = tenant.Id.ToString(), ["scope"] = "tenant", ["reason"] = "test" };
        var risk = await app.SignedInAsync("risk");
        var auditor = await app.SignedInAsync("auditor");

        var noToken = await risk.PostAsync("/console/risk?handler=Trip", new FormUrlEncodedContent(fields));
        var byAuditor = await auditor.PostAsync("/console/risk?handler=Trip", Form(await auditor.AntiforgeryAsync("/console"), fields));

        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Contains("/console/denied", byAuditor.Headers.Location!.ToString());
        var open = await (await (await app.OperatorWithRoleAsync()).GetAsync($"/v1/risk/breakers?tenantId={tenant.Id}")).OkAsync();
        Assert.Equal(0, open.GetArrayLength());

        var tripped = await risk.PostAsync("/console/risk?handler=Trip", Form(await risk.AntiforgeryAsync("/console/risk"), fields));
        Assert.Equal(HttpStatusCode.Redirect, tripped.StatusCode);
        var breaker = Assert.Single((await (await (await app.OperatorWithRoleAsync()).GetAsync($"/v1/risk/breakers?tenantId={tenant.Id}")).OkAsync()).EnumerateArray());
        Assert.Equal("open", breaker.Str("status"));
        var trail = await (await app.Operator().GetAsync($"/v1/audit?target=breaker:{breaker.Str("id")}")).OkAsync();
        Assert.StartsWith("operator:risk-", Assert.Single(trail.EnumerateArray()).Str("actor"));

        var again = await risk.PostAsync("/console/risk?handler=Trip", Form(await risk.AntiforgeryAsync("/console/risk"), fields));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("该范围已有一个开启中的熔断。", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ResettingWithoutAReason_ChangesNothing_AndSaysWhy()
    {
        var tenant = await app.CreateTenantAsync();
        var breaker = await (await (await app.OperatorWithRoleAsync()).PostJsonAsync("/v1/risk/breakers", new { tenantId = tenant.Id, scope = "tenant", reason = "test" }))
            .OkAsync(HttpStatusCode.Created);
        var risk = await app.SignedInAsync("risk");

        var answer = await risk.PostAsync($"/console/risk?handler=Reset&id={breaker.Str("id")}",
            Form(await risk.AntiforgeryAsync("/console/risk"), new() { ["reason"] = " " }));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("重置熔断需要填写理由", await answer.Content.ReadAsStringAsync());
        Assert.Equal("open", (await (await (await app.OperatorWithRoleAsync()).GetAsync($"/v1/risk/breakers?tenantId={tenant.Id}")).OkAsync())[0].Str("status"));
    }

    [Fact]
    public async Task TheScoreBox_MarksEachReasonsSpan_AndBoundsTheText()
    {
        var risk = await app.SignedInAsync("risk");
        var token = await risk.AntiforgeryAsync("/console/risk/score");

        var scored = await risk.PostAsync("/console/risk/score?handler=Score", Form(token, new() { ["text"] = "加微信 abc12345 领取优惠券" }));
        var tooLong = await risk.PostAsync("/console/risk/score?handler=Score", Form(token, new() { ["text"] = new string('字', 1001) }));

        var html = await scored.Content.ReadAsStringAsync();
        Assert.Contains("data-code=\"contact_handle\"", html);
        Assert.Contains("data-code=\"marketing_wording\"", html);
        Assert.NotEmpty(Marks().Matches(html));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task AnIncident_IsExportedToTheSignedInOfficer_AndClosedWithANote()
    {
        var tenant = await app.CreateTenantAsync();
        var breaker = await (await (await app.OperatorWithRoleAsync()).PostJsonAsync("/v1/risk/breakers", new { tenantId = tenant.Id, scope = "tenant", reason = "test, with a comma" }))
            .OkAsync(HttpStatusCode.Created);
        var path = $"/console/risk/incidents/{breaker.Str("incidentId")}";
        var risk = await app.SignedInAsync("risk");

        var csv = await risk.GetAsync($"{path}?handler=Export&format=csv");
        var json = await risk.GetAsync($"{path}?handler=Export&format=json");
        var closed = await risk.PostAsync($"{path}?handler=Close", Form(await risk.AntiforgeryAsync(path), new() { ["note"] = "Filed with 12321." }));

        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains("breaker_tripped_by_hand by risk:key:", await csv.Content.ReadAsStringAsync());
        Assert.Equal($"incident-{breaker.Str("incidentId")}.csv", csv.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal("bad SMS report (12321)", (await json.OkAsync()).Str("report"));
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal("closed", (await (await (await app.OperatorWithRoleAsync()).GetAsync($"/v1/risk/incidents/{breaker.Str("incidentId")}")).OkAsync()).Str("status"));
    }

    [Fact]
    public async Task TheAuditPage_FiltersByActionPrefix_AndExportsWhatMatches()
    {
        var tenant = await app.CreateTenantAsync();
        var auditor = await app.SignedInAsync("auditor");

        var page = await (await auditor.GetAsync($"/console/audit?target=tenant:{tenant.Id}&action=tenant.")).Content.ReadAsStringAsync();
        var export = await auditor.GetAsync($"/console/audit?target=tenant:{tenant.Id}&handler=Export");

        Assert.Contains("data-action=\"tenant.created\"", page);
        Assert.Equal("application/x-ndjson", export.Content.Headers.ContentType!.MediaType);
        var line = Assert.Single((await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("tenant.created", System.Text.Json.JsonDocument.Parse(line).RootElement.Str("action"));
    }

    [Fact]
    public async Task TheAuditPage_PagesNewestFirst_OrOldestFirst()
    {
        while (await app.WithDbAsync(db => db.AuditRecords.CountAsync()) < 60)
        {
            await app.CreateTenantAsync();
        }
        var auditor = await app.SignedInAsync("auditor");

        var newest = Sequences(await (await auditor.GetAsync("/console/audit")).Content.ReadAsStringAsync());
        var next = NextLink().Match(await (await auditor.GetAsync("/console/audit")).Content.ReadAsStringAsync()).Groups[1].Value;
        var older = Sequences(await (await auditor.GetAsync(System.Net.WebUtility.HtmlDecode(next))).Content.ReadAsStringAsync());
        var oldest = Sequences(await (await auditor.GetAsync("/console/audit?order=oldest")).Content.ReadAsStringAsync());

        Assert.Equal(50, newest.Count);
        Assert.Equal(newest.OrderDescending(), newest);
        Assert.Equal(newest[^1] - 1, older[0]);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), oldest);
    }

    private static List<long> Sequences(string html) => [.. SequenceRows().Matches(html).Select(m => long.Parse(m.Groups[1].Value))];

    [GeneratedRegex("data-sequence=\"(\\d+)\"")]
    private static partial Regex SequenceRows();

    [GeneratedRegex("href=\"([^\"]+)\" id=\"next\"")]
    private static partial Regex NextLink();

    [Fact]
    public async Task VerifyingTheChain_NamesTheRecordThatWasAltered()
    {
        await using var own = await SmsVerifyApp.StartAsync([]);
        var victim = await own.CreateTenantAsync(name: "Victim");
        await own.CreateTenantAsync(name: "After");
        var auditor = await own.SignedInAsync("auditor");
        var whole = await (await auditor.GetAsync("/console/audit?handler=Verify")).Content.ReadAsStringAsync();
        var sequence = await own.WithDbAsync(db => db.AuditRecords.Where(r => r.Target == $"tenant:{victim.Id}").Select(r => r.Sequence).SingleAsync());

        await own.WithDbAsync(db => db.AuditRecords.Where(r => r.Sequence == sequence).ExecuteUpdateAsync(set => set.SetProperty(r => r.Detail, "kind=Personal")));
        var broken = await (await auditor.GetAsync("/console/audit?handler=Verify")).Content.ReadAsStringAsync();

        Assert.Contains("data-valid=\"true\"", whole);
        Assert.Contains("data-valid=\"false\"", broken);
        Assert.Contains($"data-broken-at=\"{sequence}\"", broken);
        Assert.Contains($"哈希链在第 {sequence} 条记录处断裂", broken);
    }

    [GeneratedRegex("<mark title=\"[^\"]+\" data-reasons=\"[^\"]+\">[^<]+</mark>")]
    private static partial Regex Marks();
}
