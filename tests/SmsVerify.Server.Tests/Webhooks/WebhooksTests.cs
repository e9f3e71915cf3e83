using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Tests.Support;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Tests.Webhooks;

public sealed class WebhooksTests : IAsyncLifetime
{
    private SmsVerifyApp _app = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        // The receiver runs on loopback over plain HTTP, which a production server refuses (see the test below).
        _app = await SmsVerifyApp.StartAsync(new() { ["Webhooks:AllowHttp"] = "true", ["Webhooks:AllowPrivateNetworks"] = "true" });
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private async Task<(TestTenant Tenant, string Secret)> SubscribedTenantAsync()
    {
        var tenant = await _app.CreateTenantAsync();
        var set = await (await tenant.Http.PutJsonAsync("/v1/webhooks", new { url = _receiver.Url, events = new[] { "review.completed" } })).OkAsync();
        return (tenant, set.Str("secret"));
    }

    [Fact]
    public async Task ReviewDecision_IsPostedSigned()
    {
        var (tenant, secret) = await SubscribedTenantAsync();
        Assert.StartsWith("whsec_", secret);
        Assert.False((await (await tenant.Http.GetAsync("/v1/webhooks")).OkAsync()).TryGetProperty("secret", out var shown) && shown.ValueKind != JsonValueKind.Null);
        var qualificationId = await tenant.SubmitQualificationAsync(Submissions.Enterprise());

        await (await (await _app.AuditorAsync()).PostJsonAsync($"/v1/review/items/{qualificationId}/approve", new { note = "OK" })).OkAsync();
        await _receiver.NextAsync();

        var (body, signature, eventName) = Assert.Single(_receiver.Requests);
        Assert.Equal("review.completed", eventName);
        Assert.True(WebhookSigner.Verify(secret, body, signature));
        Assert.False(WebhookSigner.Verify(secret, body.Replace("approved", "rejected"), signature));
        var payload = JsonDocument.Parse(body).RootElement;
        Assert.Equal("review.completed", payload.Str("type"));
        var data = payload.GetProperty("data");
        Assert.Equal((qualificationId, "qualification", "approved", "OK"), (data.Str("itemId"), data.Str("kind"), data.Str("status"), data.Str("reason")));
    }

    [Fact]
    public async Task FailedDelivery_IsRetriedWithBackoff_UntilTheTenantAnswers()
    {
        var (tenant, secret) = await SubscribedTenantAsync();
        _receiver.Answers.Enqueue(HttpStatusCode.InternalServerError);
        var qualificationId = await tenant.SubmitQualificationAsync(Submissions.Enterprise());
        await (await (await _app.AuditorAsync()).PostJsonAsync($"/v1/review/items/{qualificationId}/reject", new { reason = "Unreadable licence." })).OkAsync();
        await _receiver.NextAsync();

        var pending = await WaitForDeliveryAsync(tenant, d => d.Int("attempts") == 1);
        Assert.Equal(("pending", 500), (pending.Str("status"), pending.Int("lastStatusCode")));

        _app.Clock.Advance(TimeSpan.FromSeconds(12)); // past the first backoff (10 s, with jitter of at most 10 %)
        // The dispatcher's poll timer may have been set after the clock moved, and then never fires: wake it as a poll would.
        _app.Services.GetRequiredService<WebhookOutbox>().Wake();
        await _receiver.NextAsync();

        var delivered = await WaitForDeliveryAsync(tenant, d => d.Str("status") == "delivered");
        Assert.Equal(2, delivered.Int("attempts"));
        var bodies = _receiver.Requests.Select(r => r.Body).ToList();
        Assert.Equal(bodies[0], bodies[1]); // the same event, the same id: a receiver can drop the repeat
        Assert.All(_receiver.Requests, r => Assert.True(WebhookSigner.Verify(secret, r.Body, r.Signature)));
    }

    [Fact]
    public async Task RotatedSecret_SignsTheNextDelivery_AndATenantWithoutWebhookGetsNone()
    {
        var (tenant, oldSecret) = await SubscribedTenantAsync();
        var rotated = await (await tenant.Http.PostJsonAsync("/v1/webhooks/secret", new { })).OkAsync();
        Assert.NotEqual(oldSecret, rotated.Str("secret"));
        var quiet = await _app.CreateTenantAsync(name: "Quiet");
        await (await quiet.Http.GetAsync("/v1/webhooks")).ProblemAsync(HttpStatusCode.NotFound, "webhook_not_configured");

        var auditor = await _app.AuditorAsync();
        await (await auditor.PostJsonAsync($"/v1/review/items/{await quiet.SubmitQualificationAsync(Submissions.Enterprise())}/approve", new { })).OkAsync();
        await (await auditor.PostJsonAsync($"/v1/review/items/{await tenant.SubmitQualificationAsync(Submissions.Enterprise())}/approve", new { })).OkAsync();
        await _receiver.NextAsync();

        var (body, signature, _) = Assert.Single(_receiver.Requests);
        Assert.True(WebhookSigner.Verify(rotated.Str("secret"), body, signature));
        Assert.False(WebhookSigner.Verify(oldSecret, body, signature));
        Assert.Equal(0, (await (await quiet.Http.GetAsync("/v1/webhooks/deliveries")).OkAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Delivery_IsGivenUpAfterTheLastAttempt()
    {
        await using var app = await SmsVerifyApp.StartAsync(new()
        {
            ["Webhooks:AllowHttp"] = "true",
            ["Webhooks:AllowPrivateNetworks"] = "true",
            ["Webhooks:MaxAttempts"] = "2",
        });
        var tenant = await app.CreateTenantAsync();
        await (await tenant.Http.PutJsonAsync("/v1/webhooks", new { url = _receiver.Url })).OkAsync();
        _receiver.Answers.Enqueue(HttpStatusCode.ServiceUnavailable);
        _receiver.Answers.Enqueue(HttpStatusCode.ServiceUnavailable);
        await (await (await app.AuditorAsync()).PostJsonAsync($"/v1/review/items/{await tenant.SubmitQualificationAsync(Submissions.Enterprise())}/approve", new { })).OkAsync();
        await _receiver.NextAsync();
        await WaitForDeliveryAsync(tenant, d => d.Int("attempts") == 1);

        app.Clock.Advance(TimeSpan.FromSeconds(12));
        app.Services.GetRequiredService<WebhookOutbox>().Wake();
        await _receiver.NextAsync();

        var failed = await WaitForDeliveryAsync(tenant, d => d.Int("attempts") == 2);
        Assert.Equal(("failed", 503), (failed.Str("status"), failed.Int("lastStatusCode")));
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("nextAttemptAt").ValueKind);
    }

    [Fact]
    public async Task TestEvent_IsPostedSignedWhateverTheSubscription_AndAtMostFiveAMinute()
    {
        var (tenant, secret) = await SubscribedTenantAsync();
        var accepted = await tenant.Http.PostJsonAsync("/v1/webhooks/test", new { });
        var delivery = await accepted.OkAsync(HttpStatusCode.Accepted);
        Assert.Equal("webhook.test", delivery.Str("event"));
        await _receiver.NextAsync();

        var (body, signature, eventName) = Assert.Single(_receiver.Requests);
        Assert.Equal("webhook.test", eventName);
        Assert.True(WebhookSigner.Verify(secret, body, signature));
        var payload = JsonDocument.Parse(body).RootElement;
        Assert.Equal((delivery.Str("id"), "webhook.test"), (payload.Str("id"), payload.Str("type")));
        Assert.Contains($"tenant:{tenant.Id}/key:", payload.GetProperty("data").Str("requestedBy"));
        await WaitForDeliveryAsync(tenant, d => d.Str("status") == "delivered");

        for (var i = 1; i < 5; i++)
        {
            await (await tenant.Http.PostJsonAsync("/v1/webhooks/test", new { })).OkAsync(HttpStatusCode.Accepted);
        }
        var tooSoon = await tenant.Http.PostJsonAsync("/v1/webhooks/test", new { });
        await tooSoon.ProblemAsync(HttpStatusCode.TooManyRequests, "webhook_test_too_soon");
        Assert.NotNull(tooSoon.Headers.RetryAfter);
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await (await tenant.Http.PostJsonAsync("/v1/webhooks/test", new { })).OkAsync(HttpStatusCode.Accepted);

        var quiet = await _app.CreateTenantAsync(name: "Quiet");
        await (await quiet.Http.PostJsonAsync("/v1/webhooks/test", new { })).ProblemAsync(HttpStatusCode.NotFound, "webhook_not_configured");
    }

    [Fact]
    public async Task DeletedWebhook_GetsNoMoreEvents()
    {
        var (tenant, _) = await SubscribedTenantAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Http.DeleteAsync("/v1/webhooks")).StatusCode);
        await (await tenant.Http.GetAsync("/v1/webhooks")).ProblemAsync(HttpStatusCode.NotFound, "webhook_not_configured");
        await (await tenant.Http.DeleteAsync("/v1/webhooks")).ProblemAsync(HttpStatusCode.NotFound, "webhook_not_configured");

        await (await (await _app.AuditorAsync()).PostJsonAsync($"/v1/review/items/{await tenant.SubmitQualificationAsync(Submissions.Enterprise())}/approve", new { })).OkAsync();

        Assert.Equal(0, (await (await tenant.Http.GetAsync("/v1/webhooks/deliveries")).OkAsync()).GetArrayLength());
    }

    private static async Task<JsonElement> WaitForDeliveryAsync(TestTenant tenant, Func<JsonElement, bool> condition)
    {
        // The dispatcher records the attempt just after the receiver answered; poll briefly for the row.
        for (var i = 0; i < 300; i++)
        {
            var deliveries = await (await tenant.Http.GetAsync("/v1/webhooks/deliveries")).OkAsync();
            if (deliveries.GetArrayLength() == 1 && condition(deliveries[0]))
            {
                return deliveries[0];
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The delivery never reached the expected state.");
    }
}

/// <summary>The defaults a production server runs with: HTTPS only, and no private or loopback destinations.</summary>
public sealed class WebhookGuardTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Theory]
    [InlineData("http://hooks.example.com/sms")]
    [InlineData("ftp://hooks.example.com/sms")]
    [InlineData("https://user:pass@hooks.example.com/sms")]
    [InlineData("/relative")]
    public async Task Url_MustBeHttpsWithoutCredentials(string url)
    {
        var tenant = await app.CreateTenantAsync();
        var problem = await (await tenant.Http.PutJsonAsync("/v1/webhooks", new { url })).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal("url", problem.Str("field"));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("101")]
    public async Task DeliveriesLimit_OutOfRange_IsRefusedLikeEveryListsLimit(string limit)
    {
        var tenant = await app.CreateTenantAsync();
        var problem = await (await tenant.Http.GetAsync($"/v1/webhooks/deliveries?limit={limit}")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal("limit", problem.Str("field"));
    }

    [Fact]
    public async Task UnknownEvent_IsRefused()
    {
        var tenant = await app.CreateTenantAsync();
        var problem = await (await tenant.Http.PutJsonAsync("/v1/webhooks", new { url = "https://hooks.example.com/sms", events = new[] { "everything" } }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal("events", problem.Str("field"));
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("2606:4700::1111", true)]
    public void OnlyPublicAddresses_AreReached(string address, bool allowed) =>
        Assert.Equal(allowed, OutboundAddressGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://localhost/hook")]
    [InlineData("https://127.0.0.1:8443/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://10.0.0.7/hook")]
    [InlineData("https://[::1]/hook")]
    public async Task APrivateDestination_IsRefusedWhenSet(string url)
    {
        var tenant = await app.CreateTenantAsync();
        var problem = await (await tenant.Http.PutJsonAsync("/v1/webhooks", new { url })).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal("url", problem.Str("field"));
        Assert.Contains("public addresses only", problem.Str("detail"));
        await (await tenant.Http.GetAsync("/v1/webhooks")).ProblemAsync(HttpStatusCode.NotFound, "webhook_not_configured");
    }

    [Fact]
    public async Task ADestinationThatTurnsPrivateAfterItWasSet_FailsTheDelivery_WithAReason()
    {
        var tenant = await app.CreateTenantAsync();
        await (await tenant.Http.PutJsonAsync("/v1/webhooks", new { url = "https://hooks.example.com/hook" })).OkAsync();
        // As a name whose DNS answer changed to a loopback address after the check at set time.
        await app.WithDbAsync(async db => await db.WebhookEndpoints.Where(e => e.TenantId == tenant.Id)
            .ExecuteUpdateAsync(e => e.SetProperty(w => w.Url, "https://localhost:1/hook")));
        var auditor = await app.AuditorAsync();
        await (await auditor.PostJsonAsync($"/v1/review/items/{await tenant.SubmitQualificationAsync(Submissions.Enterprise())}/approve", new { })).OkAsync();

        for (var i = 0; i < 300; i++)
        {
            var deliveries = await (await tenant.Http.GetAsync("/v1/webhooks/deliveries")).OkAsync();
            if (deliveries.GetArrayLength() == 1 && deliveries[0].Int("attempts") == 1)
            {
                Assert.Contains("public addresses only", deliveries[0].Str("lastError"));
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("The delivery was never attempted.");
    }
}
