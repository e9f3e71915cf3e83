using System.Net;
using System.Text.Json;

namespace SmsVerify.Server.Tests.Support;

public static class Messaging
{
    public const string Notification = "您的订单${order}已发货，请注意查收。";

    public static Task<HttpResponseMessage> SendAsync(this LiveSender sender, string template, object? parameters, params string[] to) =>
        sender.Http.PostJsonAsync("/v1/messages", new { to, signature = sender.Signature, template, @params = parameters });

    public static async Task<JsonElement> TopUpAsync(this ITestServer app, Guid tenantId, decimal amount) =>
        await (await app.Operator().PostJsonAsync($"/v1/tenants/{tenantId}/balance", new { amount })).OkAsync();

    public static async Task<decimal> BalanceAsync(this TestTenant tenant) =>
        (await (await tenant.Http.GetAsync("/v1/balance")).OkAsync()).GetProperty("balance").GetDecimal();
}
