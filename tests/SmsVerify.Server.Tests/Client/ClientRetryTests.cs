using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using SmsVerify.Client;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Client;

/// <summary>
/// Retries as a tenant would meet them: a proxy throttling the answer of a send that went through, an answer lost on
/// the way back. What counts is what the server stored: one message, never two.
/// </summary>
public sealed class ClientRetryTests : IAsyncLifetime
{
    private const string Phone = "+8613812345678";
    private static readonly Dictionary<string, string> Order = new() { ["order"] = "20261123" };

    private readonly SmsVerifyApp _app = new();
    private readonly FlakyNetwork _network = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A live tenant with a notification template, which the verification limits do not hold back: a second send would be stored.</summary>
    private async Task<(SmsVerifyClient Client, string Signature, string Template)> SenderAsync()
    {
        var sender = await _app.CreateLiveSenderAsync();
        var template = await sender.Tenant.CreateApprovedTemplateAsync(_app, Messaging.Notification, "notification");
        var client = _app.ClientFor(sender.Tenant.ApiKey, _network);
        await client.RegisterTestNumberAsync(Phone);
        return (client, sender.Signature, template);
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, RetryConditionHeaderValue? retryAfter) =>
        new(status) { Headers = { RetryAfter = retryAfter } };

    private List<string?> SendKeys() => [.. _network.Attempts.Where(a => a.Method == HttpMethod.Post && a.Path == "/v1/messages").Select(a => a.Key)];

    [Fact]
    public async Task Send_ThrottledWithRetryAfterAfterItWentThrough_IsSentAgainWithTheSameKey_AndStoredOnce()
    {
        var (client, signature, template) = await SenderAsync();
        _network.Faults.Enqueue(new Fault(Forward: true, () => Answer(HttpStatusCode.TooManyRequests, new(TimeSpan.FromSeconds(1)))));

        var waited = Stopwatch.StartNew();
        var sent = await client.SendMessageAsync(Phone, signature, template, Order);

        Assert.True(waited.Elapsed >= TimeSpan.FromSeconds(0.9), $"Retried after {waited.Elapsed}, before Retry-After.");
        Assert.Equal(sent.Id, Assert.Single(await client.ListMessagesAsync(new MessageQuery { To = Phone })).Id);
        Assert.Single(await client.ReadInboxAsync(Phone));
        var keys = SendKeys();
        Assert.Equal(2, keys.Count);
        Assert.False(string.IsNullOrEmpty(keys[0]));
        Assert.Equal(keys[0], keys[1]);
    }

    [Fact]
    public async Task Send_WhoseAnswerIsLost_IsSentAgainWithTheSameKey_AndStoredOnce()
    {
        var (client, signature, template) = await SenderAsync();
        _network.Faults.Enqueue(new Fault(Forward: true, null));

        var sent = await client.SendMessageAsync(Phone, signature, template, Order);

        Assert.Equal(sent.Id, Assert.Single(await client.ListMessagesAsync(new MessageQuery { To = Phone })).Id);
        var keys = SendKeys();
        Assert.Equal(2, keys.Count);
        Assert.Equal(keys[0], keys[1]);
    }

    [Fact]
    public async Task Sends_UnderTheCallersOwnKey_AreOneSend_AndAnotherCallGetsAnotherKey()
    {
        var (client, signature, template) = await SenderAsync();

        var first = await client.SendMessageAsync(Phone, signature, template, Order, idempotencyKey: "order-20261123");
        var again = await client.SendMessageAsync(Phone, signature, template, Order, idempotencyKey: "order-20261123");
        var other = await client.SendMessageAsync(Phone, signature, template, Order);

        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, other.Id);
        var keys = SendKeys();
        Assert.Equal(("order-20261123", "order-20261123"), (keys[0], keys[1]));
        Assert.NotEqual("order-20261123", keys[2]);
        Assert.Equal(2, (await client.ListMessagesAsync(new MessageQuery { To = Phone })).Count);
    }

    [Fact]
    public async Task VerificationStart_WhoseAnswerIsLost_IsSentAgainWithTheSameKey_AndSendsOneCode()
    {
        var tenant = await _app.CreateTenantAsync();
        var client = _app.ClientFor(tenant.ApiKey, _network);
        await client.RegisterTestNumberAsync(Phone);
        _network.Faults.Enqueue(new Fault(Forward: true, null));

        var started = await client.StartVerificationAsync(Phone);

        var inbox = Assert.Single(await client.ReadInboxAsync(Phone));
        Assert.True((await client.CheckVerificationAsync(started.Id, inbox.Code!)).IsApproved);
        List<string?> keys = [.. _network.Attempts.Where(a => a.Path == "/v1/verifications").Select(a => a.Key)];
        Assert.Equal(2, keys.Count);
        Assert.False(string.IsNullOrEmpty(keys[0]));
        Assert.Equal(keys[0], keys[1]);
    }

    [Fact]
    public async Task Check_WhoseAnswerIsLost_IsNotSentAgain()
    {
        var tenant = await _app.CreateTenantAsync();
        var client = _app.ClientFor(tenant.ApiKey, _network);
        await client.RegisterTestNumberAsync(Phone);
        var started = await client.StartVerificationAsync(Phone);
        var code = (await client.ReadInboxAsync(Phone))[0].Code!;
        _network.Faults.Enqueue(new Fault(Forward: true, null));

        await Assert.ThrowsAsync<HttpRequestException>(() => client.CheckVerificationAsync(started.Id, code));

        // Sent again, the right code would have answered 409 verification_not_pending; the caller reads the outcome instead.
        Assert.Single(_network.Attempts, a => a.Path == "/v1/verifications/check");
        Assert.True((await client.GetVerificationAsync(started.Id)).IsApproved);
    }

    [Fact]
    public async Task Read_Answered503WithARetryAfterDate_IsMadeAgain()
    {
        var tenant = await _app.CreateTenantAsync();
        var client = _app.ClientFor(tenant.ApiKey, _network);
        _network.Faults.Enqueue(new Fault(Forward: false, () => Answer(HttpStatusCode.ServiceUnavailable, new(DateTimeOffset.UtcNow.AddSeconds(1)))));

        Assert.Equal(tenant.Id, (await client.GetBalanceAsync()).TenantId);
        Assert.Equal(2, _network.Attempts.Count);
    }

    [Fact]
    public async Task Retries_StopAtMaxAttempts_AndTheLastProblemIsThrown()
    {
        var tenant = await _app.CreateTenantAsync();
        var client = _app.ClientFor(tenant.ApiKey, _network);
        for (var i = 0; i < 5; i++)
        {
            _network.Faults.Enqueue(new Fault(Forward: false, () => Answer(HttpStatusCode.ServiceUnavailable, new(TimeSpan.Zero))));
        }

        var unavailable = await Assert.ThrowsAsync<SmsVerifyProblemException>(() => client.GetBalanceAsync());

        Assert.Equal((HttpStatusCode.ServiceUnavailable, null, TimeSpan.Zero), (unavailable.Status, unavailable.Code, unavailable.RetryAfter));
        Assert.Equal(3, _network.Attempts.Count);
    }
}
