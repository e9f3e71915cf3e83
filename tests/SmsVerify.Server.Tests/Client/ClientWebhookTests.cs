using Microsoft.Extensions.Time.Testing;
using SmsVerify.Client;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Client;

public sealed class ClientWebhookTests
{
    [Fact]
    public async Task SignatureHelper_AcceptsARealDelivery_AndRefusesATamperedStaleOrForeignOne()
    {
        // The receiver runs on loopback over plain HTTP, which a production server refuses.
        await using var app = await SmsVerifyApp.StartAsync(new() { ["Webhooks:AllowHttp"] = "true", ["Webhooks:AllowPrivateNetworks"] = "true" });
        await using var receiver = await WebhookReceiver.StartAsync();
        var client = app.ClientFor((await app.CreateTenantAsync()).ApiKey);
        var set = await client.SetWebhookAsync(new SetWebhookRequest(receiver.Url) { Events = [WebhookEvents.MessageStatus] });
        var secret = set.Secret!;
        Assert.Null((await client.GetWebhookAsync()).Secret);

        var delivery = await client.SendTestWebhookAsync();
        await receiver.NextAsync();

        var (body, signature, _) = Assert.Single(receiver.Requests);
        Assert.True(WebhookSignature.Verify(secret, body, signature));
        var posted = Assert.Single(WebhookSignature.ReadEvents(body));
        Assert.Equal(WebhookEvents.Test, posted.Type);
        Assert.Equal(posted.Type, delivery.Event);

        Assert.False(WebhookSignature.Verify(secret, body.Replace("webhook.test", "message.status"), signature));
        Assert.False(WebhookSignature.Verify(secret, body, signature![..^1] + (signature[^1] == '0' ? '1' : '0')));
        Assert.False(WebhookSignature.Verify(secret, body, null));
        Assert.False(WebhookSignature.Verify((await client.RotateWebhookSecretAsync()).Secret!, body, signature));

        var dayLater = new FakeTimeProvider(posted.CreatedAt.AddHours(25));
        Assert.False(WebhookSignature.Verify(secret, body, signature, clock: dayLater));
        Assert.True(WebhookSignature.Verify(secret, body, signature, tolerance: Timeout.InfiniteTimeSpan, clock: dayLater));
        Assert.Contains(await client.ListWebhookDeliveriesAsync(limit: 10), d => d.Id == delivery.Id);
    }
}
