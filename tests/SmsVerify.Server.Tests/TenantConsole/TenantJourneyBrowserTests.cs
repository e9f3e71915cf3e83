using System.Net;
using Microsoft.Playwright;
using SmsVerify.Server.Tests.Console;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.TenantConsole;

/// <summary>
/// The tenant console's whole journey in Chromium: a new owner joins by the invitation link, submits every onboarding
/// step through its page while an auditor approves each in the operators' console, makes an API key on the
/// Developers page, adds a test number on the Sandbox page, sends a code through the API with that key and watches it
/// arrive in the number's inbox, then checks it.
/// </summary>
[Collection("browser")]
public sealed class TenantJourneyBrowserTests(BrowserFixture browser, ConsoleServer server) : IClassFixture<ConsoleServer>
{
    private const string Phone = "+8613800138501";

    private SmsVerifyApp App => server.App;

    [BrowserFact]
    public async Task ANewOwner_GoesFromInvitationToAnApprovedTemplate_AndSendsACodeWithAKeyMadeInTheConsole()
    {
        var tenant = await App.CreateTenantAsync();
        var auditor = await App.AuditorAsync();
        var owner = await browser.TenantSignedInPageAsync(server, tenant.Id, "owner", "/app");
        await using var ownerContext = owner.Context;
        var reviewer = await browser.SignedInPageAsync(App, server.BaseUrl, "auditor", "/console/review");
        await using var reviewerContext = reviewer.Context;

        async Task ApproveInTheOperatorsConsoleAsync(string kind)
        {
            var item = await auditor.QueuedAsync(kind, tenant.Id);
            await reviewer.GotoAsync($"/console/review/{item.Str("id")}");
            await reviewer.ClickAsync("button:has-text('通过')");
            await reviewer.Locator("[data-status=approved]").WaitForAsync();
        }

        Assert.Equal(["none", "none", "none", "none"], await StepsAsync(owner));
        await owner.Locator("li[data-step='Qualification'] h2 a").ClickAsync();
        await owner.WaitForURLAsync(url => url.EndsWith("/app/onboarding/qualification", StringComparison.Ordinal));
        await owner.FillAsync("#companyName", Submissions.Company);
        await owner.FillAsync("#creditCode", Submissions.CreditCode);
        await owner.SelectOptionAsync("#licenceStatus", "normal");
        await owner.FillAsync("#establishedOn", "2015-06-01");
        await owner.FillAsync("#industry", "E-commerce");
        await owner.FillAsync("#legalRepName", "张三");
        await owner.FillAsync("#legalRepIdNumber", Submissions.IdNumber);
        await owner.SetInputFilesAsync("#licence", new FilePayload { Name = "licence.png", MimeType = "image/png", Buffer = LicenceImage.Png() });
        await SubmitAsync(owner, "form[data-qualification-form] button[type=submit]");
        await ApproveInTheOperatorsConsoleAsync("qualification");

        await owner.GotoAsync("/app/onboarding/applications");
        await owner.SelectOptionAsync("#kind", "website");
        await owner.FillAsync("#name", "某某商城");
        await owner.FillAsync("#domain", "shop.example.com");
        await owner.FillAsync("#icpNumber", "京ICP备12345678号-1");
        await owner.FillAsync("#filingSubject", Submissions.Company);
        await SubmitAsync(owner, "form[action*='handler=Submit'] button[type=submit]");
        await ApproveInTheOperatorsConsoleAsync("application");

        await owner.GotoAsync("/app/onboarding/signatures");
        await owner.FillAsync("#name", Senders.SignatureName);
        await owner.SelectOptionAsync("#source", "company");
        await SubmitAsync(owner, "form[data-precheck] button[type=submit]");
        await ApproveInTheOperatorsConsoleAsync("signature");

        await owner.GotoAsync("/app/onboarding/templates");
        await owner.FillAsync("#name", "登录");
        await owner.SelectOptionAsync("#type", "verification");
        await owner.FillAsync("#scenario", "用户登录");
        await owner.FillAsync("#content", Senders.VerificationContent);
        await SubmitAsync(owner, "form[data-precheck] button[type=submit]");
        var template = await owner.Locator("tr[data-template]").GetAttributeAsync("data-template");
        if (await owner.Locator($"tr[data-template='{template}'] [data-status=pending_review]").CountAsync() == 1)
        {
            await ApproveInTheOperatorsConsoleAsync("template");
        }
        await owner.GotoAsync("/app");
        Assert.Equal(["approved", "approved", "approved", "approved"], await StepsAsync(owner));

        await owner.GotoAsync("/app/developers");
        await owner.ClickAsync("#create-key");
        var key = (await owner.Locator("#secret").InnerTextAsync()).Trim();

        await owner.GotoAsync("/app/sandbox");
        await owner.FillAsync("#phone", Phone);
        await SubmitAsync(owner, "form[action*='handler=Add'] button[type=submit]");
        var api = App.WithKey(key);
        var started = await (await api.PostJsonAsync("/v1/verifications", new { to = Phone, signature = Senders.SignatureName, template }))
            .OkAsync(HttpStatusCode.Created);

        var message = owner.Locator($"section[data-phone='{Phone}'] [data-inbox] li[data-message]");
        await message.Locator("mark.code").WaitForAsync();
        Assert.Contains("您正在登录某某商城", await message.InnerTextAsync());
        var code = await message.Locator("mark.code").InnerTextAsync();
        Assert.Equal("approved", (await (await api.PostJsonAsync("/v1/verifications/check", new { id = started.Str("id"), code })).OkAsync()).Str("status"));
    }

    /// <summary>Clicks a form's button and waits for the page the post answers with.</summary>
    private static async Task SubmitAsync(IPage page, string button)
    {
        await page.ClickAsync(button);
        await page.WaitForLoadStateAsync();
    }

    private static Task<string[]> StepsAsync(IPage page) =>
        page.Locator("ol.steps > li").EvaluateAllAsync<string[]>("steps => steps.map(s => s.dataset.status)");
}
