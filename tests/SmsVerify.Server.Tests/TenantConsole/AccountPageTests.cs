using System.Net;
using System.Text.Json;
using SmsVerify.Server.Tests.Console;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.TenantConsole;

/// <summary>
/// The Account page: balance and spend cap (set and cleared by owners only, as operators set it), usage per day, and
/// opt-outs per signature with the numbers masked but for their last four digits.
/// </summary>
public sealed class AccountPageTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private const string Path = "/app/account";

    [Fact]
    public async Task AnOwner_SetsAndClearsTheSpendCap_ADeveloperCannot()
    {
        var tenant = await app.CreateTenantAsync();
        await app.TopUpAsync(tenant.Id, 50m);
        var (owner, _) = await app.TenantSignedInAsync(tenant.Id, "owner");
        var (developer, _) = await app.TenantSignedInAsync(tenant.Id, "developer");

        Assert.Contains("data-figure=\"balance\">¥50<", await developer.HtmlAsync(Path));
        Assert.DoesNotContain("handler=SpendCap", await developer.HtmlAsync(Path));
        var refused = await developer.PostFormAsync(Path, "SpendCap", new() { ["dailyLimit"] = "5" });
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/app/denied", refused.Headers.Location!.ToString());
        Assert.Equal(JsonValueKind.Null, (await BalanceAsync(tenant)).GetProperty("dailySpendCap").ValueKind);

        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(Path, "SpendCap", new() { ["dailyLimit"] = "12.5" })).StatusCode);
        Assert.Equal(12.5m, (await BalanceAsync(tenant)).GetProperty("dailySpendCap").GetDecimal());
        Assert.Contains("data-figure=\"spend-cap\">¥12.5<", await developer.HtmlAsync(Path));

        foreach (var bad in new[] { "-1", "lots", "1.00001" })
        {
            var invalid = await owner.PostFormAsync(Path, "SpendCap", new() { ["dailyLimit"] = bad });
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Contains("role=\"alert\"", await invalid.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(Path, "SpendCap", new() { ["dailyLimit"] = "" })).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await BalanceAsync(tenant)).GetProperty("dailySpendCap").ValueKind);
    }

    [Fact]
    public async Task UsageAndOptOuts_AreTheTenantsOwn_WithNumbersMasked()
    {
        const string number = "+8613800000061";
        var sender = await app.CreateLiveSenderAsync();
        await sender.Tenant.RegisterNumberAsync(number);
        await (await sender.StartAsync(number)).OkAsync(HttpStatusCode.Created);
        await (await sender.Http.PostJsonAsync($"/v1/sandbox/numbers/{Uri.EscapeDataString(number)}/replies", new { text = "R" })).OkAsync(HttpStatusCode.Created);
        var signatureId = Assert.Single((await (await sender.Http.GetAsync("/v1/opt-outs")).OkAsync()).EnumerateArray()).Str("signatureId");
        var (viewer, _) = await app.TenantSignedInAsync(sender.Tenant.Id, "viewer");

        var page = await viewer.HtmlAsync(Path);
        Assert.Matches("data-values=\"(0,){29}1\"", page);
        Assert.Contains($"data-signature=\"{signatureId}\" data-count=\"1\"", page);
        var list = await viewer.HtmlAsync($"{Path}?signature={signatureId}");
        Assert.Contains("data-number=\"**********0061\"", list);
        Assert.DoesNotContain("13800000061", list);

        var other = await app.CreateTenantAsync(name: "Other");
        var (outsider, _) = await app.TenantSignedInAsync(other.Id, "owner");
        var theirs = await outsider.HtmlAsync(Path);
        Assert.DoesNotContain(signatureId, theirs);
        Assert.Matches("data-values=\"(0,){29}0\"", theirs);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"{Path}?signature={signatureId}")).StatusCode);
    }

    private static async Task<JsonElement> BalanceAsync(TestTenant tenant) => await (await tenant.Http.GetAsync("/v1/balance")).OkAsync();
}
