using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Billing;

public sealed class SpendCapTests : IAsyncLifetime
{
    private readonly SmsVerifyApp _app;
    private Func<OutboundSms, SubmitOutcome> _answer = _ => new SubmitOutcome.Accepted(["c-1"]);

    public SpendCapTests()
    {
        // The delivery worker is driven by the test, so a refund happens when the test makes the carrier refuse.
        var carrier = new FakeChannel("carrier", 10, sms => _answer(sms));
        _app = new SmsVerifyApp
        {
            Settings = { ["Delivery:RunWorker"] = "false" },
            TestServices = services => services.AddSingleton<IChannelRoutes>(new FakeRoutes(carrier)),
        };
    }

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A live sender with a notification template (one segment, 0.045 yuan), 10 yuan, and the given daily cap.</summary>
    private async Task<(LiveSender Sender, string Template)> SenderAsync(decimal? dailyLimit)
    {
        var sender = await _app.CreateLiveSenderAsync();
        var template = await sender.Tenant.CreateApprovedTemplateAsync(_app, Messaging.Notification, "notification");
        await _app.TopUpAsync(sender.Tenant.Id, 10m);
        await (await _app.Operator().PutJsonAsync($"/v1/tenants/{sender.Tenant.Id}/spend-cap", new { dailyLimit })).OkAsync();
        return (sender, template);
    }

    private static string Number(int i) => $"+86139123{i:D5}";

    private static Task<HttpResponseMessage> SendAsync(LiveSender sender, string template, int i) =>
        sender.SendAsync(template, new { order = "7" }, Number(i));

    private async Task<(decimal? Cap, decimal Spent, decimal Balance)> BalanceAsync(TestTenant tenant)
    {
        var view = await (await tenant.Http.GetAsync("/v1/balance")).OkAsync();
        var cap = view.GetProperty("dailySpendCap");
        return (cap.ValueKind == System.Text.Json.JsonValueKind.Null ? null : cap.GetDecimal(),
            view.GetProperty("spentToday").GetDecimal(), view.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Cap_IsSetByOperators_AndReadByTheTenant()
    {
        var (sender, _) = await SenderAsync(0.5m);
        Assert.Equal((0.5m, 0m, 10m), await BalanceAsync(sender.Tenant));

        await (await sender.Http.PutJsonAsync($"/v1/tenants/{sender.Tenant.Id}/spend-cap", new { dailyLimit = 100 })).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var invalid = await (await _app.Operator().PutJsonAsync($"/v1/tenants/{sender.Tenant.Id}/spend-cap", new { dailyLimit = 0.00001m }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal("dailyLimit", invalid.Str("field"));
        await (await _app.Operator().PutJsonAsync($"/v1/tenants/{Guid.NewGuid()}/spend-cap", new { dailyLimit = 1 })).ProblemAsync(HttpStatusCode.NotFound, "tenant_not_found");

        await (await _app.Operator().PutJsonAsync($"/v1/tenants/{sender.Tenant.Id}/spend-cap", new { dailyLimit = (decimal?)null })).OkAsync();
        Assert.Null((await BalanceAsync(sender.Tenant)).Cap);
    }

    [Fact]
    public async Task SendThatWouldPassTheCap_IsRefused_UntilTheNextChinaDay()
    {
        // Just before midnight in China, so the next day is a minute away.
        var now = _app.Clock.GetUtcNow();
        var china = now.ToOffset(TimeSpan.FromHours(8));
        var lastMinute = new DateTimeOffset(china.Date.AddDays(1).AddMinutes(-1), TimeSpan.FromHours(8));
        _app.Clock.Advance(lastMinute > now ? lastMinute - now : lastMinute.AddDays(1) - now);
        var (sender, template) = await SenderAsync(0.1m);
        await (await SendAsync(sender, template, 1)).OkAsync(HttpStatusCode.Accepted);
        await (await SendAsync(sender, template, 2)).OkAsync(HttpStatusCode.Accepted);

        var refused = await SendAsync(sender, template, 3);

        var problem = await refused.ProblemAsync(HttpStatusCode.PaymentRequired, "daily_spend_cap_reached");
        Assert.Equal((0.1m, 0.09m), (problem.GetProperty("dailyLimit").GetDecimal(), problem.GetProperty("spentToday").GetDecimal()));
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal((0.1m, 0.09m, 9.91m), await BalanceAsync(sender.Tenant));

        _app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal((0.1m, 0m, 9.91m), await BalanceAsync(sender.Tenant));
        await (await SendAsync(sender, template, 3)).OkAsync(HttpStatusCode.Accepted);
        Assert.Equal((0.1m, 0.045m, 9.865m), await BalanceAsync(sender.Tenant));
    }

    [Fact]
    public async Task ConcurrentSends_StopExactlyAtTheCap()
    {
        var (sender, template) = await SenderAsync(0.45m);

        var answers = await Task.WhenAll(Enumerable.Range(1, 25).Select(i => SendAsync(sender, template, i)));

        Assert.Equal(10, answers.Count(a => a.StatusCode == HttpStatusCode.Accepted));
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Accepted))
        {
            await refused.ProblemAsync(HttpStatusCode.PaymentRequired, "daily_spend_cap_reached");
        }
        Assert.Equal((0.45m, 0.45m, 9.55m), await BalanceAsync(sender.Tenant));
    }

    [Fact]
    public async Task RefundedMessage_GivesItsSpendBack()
    {
        var (sender, template) = await SenderAsync(0.09m);
        await (await SendAsync(sender, template, 1)).OkAsync(HttpStatusCode.Accepted);
        await (await SendAsync(sender, template, 2)).OkAsync(HttpStatusCode.Accepted);
        await (await SendAsync(sender, template, 3)).ProblemAsync(HttpStatusCode.PaymentRequired, "daily_spend_cap_reached");

        _answer = _ => new SubmitOutcome.Rejected("ESME_RINVDSTADR", "Invalid destination address", Transient: false);
        var worker = _app.Services.GetRequiredService<DeliveryWorker>();
        await worker.RunOnceAsync(CancellationToken.None);
        await worker.WhenIdleAsync();

        Assert.Equal((0.09m, 0m, 10m), await BalanceAsync(sender.Tenant));
        await (await SendAsync(sender, template, 3)).OkAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task VerificationToARealNumber_CountsAgainstTheCapToo()
    {
        var (sender, _) = await SenderAsync(0.04m);

        await (await sender.StartAsync(Number(1))).ProblemAsync(HttpStatusCode.PaymentRequired, "daily_spend_cap_reached");

        await (await _app.Operator().PutJsonAsync($"/v1/tenants/{sender.Tenant.Id}/spend-cap", new { dailyLimit = 0.1m })).OkAsync();
        await (await sender.StartAsync(Number(1))).OkAsync(HttpStatusCode.Created);
        Assert.Equal((0.1m, 0.045m, 9.955m), await BalanceAsync(sender.Tenant));
    }
}
