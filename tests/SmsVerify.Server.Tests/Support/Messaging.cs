using System.Net;
using System.Text.Json;

namespace SmsVerify.Server.Tests.Support;

public static class Messaging
{
    public const string Notification = "您的订单${order}已发货，请注意查收。";

    public static Task<HttpResponseMessage> SendAsync(this LiveSender sender, string template, object? parameters, params string[] to) =>
        sender.Http.PostJsonAsync("/v1/messages", new { to, signature = sender.Signature, template, @params = parameters });

    /// <summary>A live sender's notification to <paramref name="to"/>, accepted for a carrier; the message's id.</summary>
    public static async Task<Guid> SendNotificationAsync(this ITestServer app, string to)
    {
        var sender = await app.CreateLiveSenderAsync();
        var template = await sender.Tenant.CreateApprovedTemplateAsync(app, Notification, "notification");
        await app.TopUpAsync(sender.Tenant.Id, 1m);
        var sent = await (await sender.Http.PostJsonAsync("/v1/messages",
            new { to = new[] { to }, signature = sender.Signature, template, @params = new { order = "7" } })).OkAsync(HttpStatusCode.Accepted);
        return sent.GetProperty("messages")[0].GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> TopUpAsync(this ITestServer app, Guid tenantId, decimal amount) =>
        await (await app.Operator().PostJsonAsync($"/v1/tenants/{tenantId}/balance", new { amount })).OkAsync();

    public static async Task<decimal> BalanceAsync(this TestTenant tenant) =>
        (await (await tenant.Http.GetAsync("/v1/balance")).OkAsync()).GetProperty("balance").GetDecimal();
}
