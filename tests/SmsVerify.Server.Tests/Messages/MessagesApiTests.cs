using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Messages;

public sealed class MessagesApiTests : IAsyncLifetime
{
    private const string RealNumber = "+8613912345678";
    private const string TestNumber = "+8613800000001";

    // The delivery worker is off: these tests look at what the API queues, not at what carriers do with it.
    private readonly SmsVerifyApp _app = new() { Settings = { ["Delivery:RunWorker"] = "false" } };

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(LiveSender Sender, string Template)> SenderAsync()
    {
        var sender = await _app.CreateLiveSenderAsync();
        return (sender, await sender.Tenant.CreateApprovedTemplateAsync(_app, Messaging.Notification, "notification"));
    }

    [Fact]
    public async Task TestNumbers_GetTheMessageAtOnce_AndFree()
    {
        var (sender, template) = await SenderAsync();
        await sender.Tenant.RegisterNumberAsync(TestNumber);

        var sent = await (await sender.SendAsync(template, new { order = "20261123" }, TestNumber)).OkAsync(HttpStatusCode.Accepted);

        var message = Assert.Single(sent.GetProperty("messages").EnumerateArray());
        Assert.Equal(("delivered", 0m), (message.Str("status"), sent.GetProperty("cost").GetDecimal()));
        Assert.Equal("【某某科技】您的订单20261123已发货，请注意查收。", (await sender.Tenant.InboxAsync(TestNumber))[0].Str("text"));
    }

    [Fact]
    public async Task RealNumbers_ArePaidFromTheBalance_BeforeAnythingIsQueued()
    {
        var (sender, template) = await SenderAsync();

        await (await sender.SendAsync(template, new { order = "1" }, RealNumber)).ProblemAsync(HttpStatusCode.PaymentRequired, "insufficient_balance");
        Assert.Equal(0, await _app.WithDbAsync(db => db.Messages.CountAsync(m => m.TenantId == sender.Tenant.Id)));

        await _app.TopUpAsync(sender.Tenant.Id, 1m);
        var sent = await (await sender.SendAsync(template, new { order = "1" }, RealNumber, "13912345679", "+86 139 1234 5678"))
            .OkAsync(HttpStatusCode.Accepted);

        var messages = sent.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(2, messages.Count); // the same number twice is one message
        Assert.All(messages, m => Assert.Equal(("queued", 1), (m.Str("status"), m.Int("segments"))));
        Assert.Equal(0.09m, sent.GetProperty("cost").GetDecimal());
        Assert.Equal(0.91m, await sender.Tenant.BalanceAsync());
        var stored = await (await sender.Http.GetAsync($"/v1/messages/{messages[0].Str("id")}")).OkAsync();
        Assert.Equal(("queued", "【某某科技】您的订单1已发货，请注意查收。", 0.045m), (stored.Str("status"), stored.Str("text"), stored.GetProperty("cost").GetDecimal()));
    }

    [Fact]
    public async Task IdempotencyKey_ReplaysTheFirstAnswer_AndRefusesAnotherBody()
    {
        var (sender, template) = await SenderAsync();
        await _app.TopUpAsync(sender.Tenant.Id, 1m);
        Task<HttpResponseMessage> Send(string order, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
            {
                Content = JsonContent.Create(new { to = new[] { RealNumber }, signature = sender.Signature, template, @params = new { order } }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return sender.Http.SendAsync(request);
        }

        var first = await (await Send("1", "order-1")).OkAsync(HttpStatusCode.Accepted);
        var again = await (await Send("1", "order-1")).OkAsync(HttpStatusCode.Accepted);

        Assert.Equal(first.GetProperty("messages")[0].Str("id"), again.GetProperty("messages")[0].Str("id"));
        Assert.Equal(1, await _app.WithDbAsync(db => db.Messages.CountAsync(m => m.TenantId == sender.Tenant.Id)));
        Assert.Equal(0.955m, await sender.Tenant.BalanceAsync());
        await (await Send("2", "order-1")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        _app.Clock.Advance(TimeSpan.FromHours(25));
        var later = await (await Send("2", "order-1")).OkAsync(HttpStatusCode.Accepted);
        Assert.NotEqual(first.GetProperty("messages")[0].Str("id"), later.GetProperty("messages")[0].Str("id"));
    }

    [Fact]
    public async Task IdempotencyKey_RacingRequests_SendOnce()
    {
        var (sender, template) = await SenderAsync();
        await _app.TopUpAsync(sender.Tenant.Id, 1m);
        async Task<HttpResponseMessage> Send()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
            {
                Content = JsonContent.Create(new { to = new[] { RealNumber }, signature = sender.Signature, template, @params = new { order = "9" } }),
            };
            request.Headers.Add("Idempotency-Key", "race");
            return await sender.Http.SendAsync(request);
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Send()));

        // Each is the one answer or "in progress, retry"; never a second send.
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.Conflict }));
        var ids = new HashSet<string>();
        foreach (var answer in answers.Where(a => a.StatusCode == HttpStatusCode.Accepted))
        {
            ids.Add((await answer.OkAsync(HttpStatusCode.Accepted)).GetProperty("messages")[0].Str("id"));
        }
        Assert.Single(ids);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Messages.CountAsync(m => m.TenantId == sender.Tenant.Id)));
        Assert.Equal(0.955m, await sender.Tenant.BalanceAsync());
    }

    [Fact]
    public async Task BadRequests_AreRefusedWholeAndNamed()
    {
        var (sender, template) = await SenderAsync();
        await _app.TopUpAsync(sender.Tenant.Id, 100m);

        await (await sender.SendAsync(template, new { order = "1" })).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        var tooMany = Enumerable.Range(0, 1001).Select(i => $"139{i:D8}").ToArray();
        await (await sender.SendAsync(template, new { order = "1" }, tooMany)).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        var bad = await (await sender.SendAsync(template, new { order = "1" }, RealNumber, "12345")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_phone");
        Assert.Equal(1, bad.Int("index"));
        var link = await (await sender.SendAsync(template, new { order = "见 evil.cn" }, RealNumber)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "content_rejected");
        Assert.Equal(("link", "order"), (link.GetProperty("reasons")[0].Str("code"), link.GetProperty("reasons")[0].Str("variable")));
        await (await sender.SendAsync(template, new { order = "【广告】" }, RealNumber)).ProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid");
        await (await sender.SendAsync("SMS_000000001", new { order = "1" }, RealNumber)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "template_not_found");
        Assert.Equal(0, await _app.WithDbAsync(db => db.Messages.CountAsync(m => m.TenantId == sender.Tenant.Id)));
    }

    [Fact]
    public async Task VerificationPurposeSignature_SignsNoNotification()
    {
        var sender = await _app.CreateLiveSenderAsync(purpose: "verification");
        var notification = await sender.Tenant.CreateApprovedTemplateAsync(_app, Messaging.Notification, "notification");

        await (await sender.SendAsync(notification, new { order = "1" }, RealNumber)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "template_type_mismatch");
    }

    [Fact]
    public async Task SandboxTenant_ReachesTestNumbersOnly()
    {
        var tenant = await _app.CreateTenantAsync();

        await (await tenant.Http.PostJsonAsync("/v1/messages", new { to = new[] { RealNumber }, signature = "某某", template = "SMS_1" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "signature_not_found");
    }

    [Fact]
    public async Task List_FiltersByNumberAndStatus_AndPagesBack()
    {
        var (sender, template) = await SenderAsync();
        await _app.TopUpAsync(sender.Tenant.Id, 1m);
        await sender.Tenant.RegisterNumberAsync(TestNumber);
        for (var i = 0; i < 3; i++)
        {
            await (await sender.SendAsync(template, new { order = $"{i}" }, RealNumber, TestNumber)).OkAsync(HttpStatusCode.Accepted);
        }

        var queued = await (await sender.Http.GetAsync($"/v1/messages?status=queued&to={Uri.EscapeDataString(RealNumber)}")).OkAsync();
        var firstPage = await (await sender.Http.GetAsync("/v1/messages?limit=4")).OkAsync();
        var nextPage = await (await sender.Http.GetAsync($"/v1/messages?limit=4&before={firstPage[3].Str("id")}")).OkAsync();

        Assert.Equal(3, queued.GetArrayLength());
        Assert.Equal((4, 2), (firstPage.GetArrayLength(), nextPage.GetArrayLength()));
        Assert.Empty(firstPage.EnumerateArray().Select(m => m.Str("id")).Intersect(nextPage.EnumerateArray().Select(m => m.Str("id"))));
        await (await sender.Http.GetAsync("/v1/messages?status=lost")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        var other = await _app.CreateTenantAsync();
        await (await other.Http.GetAsync($"/v1/messages/{firstPage[0].Str("id")}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task TopUp_IsForAdmins_AndBounded()
    {
        var tenant = await _app.CreateTenantAsync();

        await (await _app.Operator().PostJsonAsync($"/v1/tenants/{tenant.Id}/balance", new { amount = -1 })).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        await (await _app.Operator().PostJsonAsync($"/v1/tenants/{tenant.Id}/balance", new { amount = 0.00001 })).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        await (await _app.Operator().PostJsonAsync($"/v1/tenants/{Guid.NewGuid()}/balance", new { amount = 1 })).ProblemAsync(HttpStatusCode.NotFound, "tenant_not_found");
        await (await tenant.Http.PostJsonAsync($"/v1/tenants/{tenant.Id}/balance", new { amount = 1 })).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var price = await (await _app.Operator().PutJsonAsync($"/v1/tenants/{tenant.Id}/price", new { pricePerSegment = 0.03 })).OkAsync();
        var topped = await _app.TopUpAsync(tenant.Id, 12.5m);

        Assert.Equal(0.03m, price.GetProperty("pricePerSegment").GetDecimal());
        Assert.Equal(12.5m, topped.GetProperty("balance").GetDecimal());
        Assert.Equal(12.5m, await tenant.BalanceAsync());
    }

    [Fact]
    public async Task Marketing_GoesOutOnlyBetweenEightAndEightChinaTime_AndSkipsNumbersThatOptedOut()
    {
        var sender = await _app.CreateLiveSenderAsync();
        var marketing = await sender.Tenant.CreateApprovedTemplateAsync(_app, "双十一大促，全场五折，详情见店内公告。拒收请回复R", "marketing");
        var notification = await sender.Tenant.CreateApprovedTemplateAsync(_app, Messaging.Notification, "notification");
        await sender.Tenant.RegisterNumberAsync(TestNumber);
        await (await sender.SendAsync(notification, new { order = "1" }, TestNumber)).OkAsync(HttpStatusCode.Accepted);
        var reply = await (await sender.Http.PostJsonAsync($"/v1/sandbox/numbers/{Uri.EscapeDataString(TestNumber)}/replies", new { text = " r " }))
            .OkAsync(HttpStatusCode.Created);
        Assert.True(reply.GetProperty("optedOut").GetBoolean());
        Assert.Equal(TestNumber, Assert.Single((await (await sender.Http.GetAsync("/v1/opt-outs")).OkAsync()).EnumerateArray()).Str("phone"));

        var now = _app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var nineAtNight = new DateTimeOffset(now.Date, now.Offset).AddHours(21);
        _app.Clock.Advance((nineAtNight > now ? nineAtNight : nineAtNight.AddDays(1)) - now);
        var closed = await sender.SendAsync(marketing, null, TestNumber);
        await closed.ProblemAsync(HttpStatusCode.UnprocessableEntity, "marketing_window_closed");
        Assert.Equal(TimeSpan.FromHours(11), closed.Headers.RetryAfter?.Delta);

        _app.Clock.Advance(TimeSpan.FromHours(12)); // 09:00 the next morning
        var sent = await (await sender.SendAsync(marketing, null, TestNumber)).OkAsync(HttpStatusCode.Accepted);
        var refused = Assert.Single(sent.GetProperty("messages").EnumerateArray());
        Assert.Equal(("failed", "recipient_opted_out"), (refused.Str("status"), refused.Str("errorCode")));
        var again = await (await sender.SendAsync(notification, new { order = "2" }, TestNumber)).OkAsync(HttpStatusCode.Accepted);
        Assert.Equal("delivered", again.GetProperty("messages")[0].Str("status")); // opting out stops marketing only
        Assert.Equal("R", (await (await sender.Http.GetAsync("/v1/inbound")).OkAsync())[0].Str("text").Trim().ToUpperInvariant());
    }
}
