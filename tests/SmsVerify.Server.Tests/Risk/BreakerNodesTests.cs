using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Risk.Breakers;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Risk;

/// <summary>Two server nodes on one database: a breaker tripped on one refuses sends on the other, and a reset frees both.</summary>
public sealed class BreakerNodesTests : IAsyncLifetime
{
    private const string RealNumber = "+8613912345678";

    private readonly SmsVerifyApp _first = new()
    {
        Settings = { ["Delivery:RunWorker"] = "false", ["Risk:Breakers:Template"] = "1", ["Risk:Breakers:Signature"] = "5", ["Risk:Breakers:Tenant"] = "5" },
    };

    private SmsVerifyApp _second = null!;

    public async Task InitializeAsync()
    {
        await _first.InitializeAsync();
        // The second node reads and writes the first one's database (SQLite file or PostgreSQL database).
        var configuration = _first.Services.GetRequiredService<IConfiguration>();
        var shared = SmsVerifyApp.OnPostgres ? "ConnectionStrings:Postgres" : "ConnectionStrings:Sqlite";
        _second = await SmsVerifyApp.StartAsync(new() { ["Delivery:RunWorker"] = "false", [shared] = configuration[shared] });
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    /// <summary>Sends on the second node until it answers <paramref name="status"/>; its reload runs on its own clock.</summary>
    private async Task<HttpResponseMessage> OnSecondUntilAsync(HttpClient http, object body, HttpStatusCode status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30); // a hang guard, not a speed check
        while (true)
        {
            var response = await http.PostJsonAsync("/v1/messages", body);
            if (response.StatusCode == status || DateTime.UtcNow > deadline)
            {
                return response;
            }
            _second.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task TripOnOneNode_RefusesOnTheOther_AndAResetFreesBoth()
    {
        var sender = await _first.CreateLiveSenderAsync();
        var template = await sender.Tenant.CreateApprovedTemplateAsync(_first, Messaging.Notification, "notification");
        await _first.TopUpAsync(sender.Tenant.Id, 100m);
        var onSecond = _second.WithKey(sender.Tenant.ApiKey);
        var clean = new { to = new[] { RealNumber }, signature = sender.Signature, template, @params = new { order = "SF1234567890" } };
        await (await onSecond.PostJsonAsync("/v1/messages", clean)).OkAsync(HttpStatusCode.Accepted);

        await (await sender.SendAsync(template, new { order = "领取优惠券" }, RealNumber)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "content_rejected");

        var refused = await (await OnSecondUntilAsync(onSecond, clean, HttpStatusCode.Locked)).ProblemAsync(HttpStatusCode.Locked, "sending_suspended");
        var risk = await _first.OperatorWithRoleAsync();
        await (await risk.PostJsonAsync($"/v1/risk/breakers/{refused.Str("breakerId")}/reset", new { reason = "Reviewed." })).OkAsync();
        await (await OnSecondUntilAsync(onSecond, clean, HttpStatusCode.Accepted)).OkAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Reload_PicksUpABreakerWrittenByAnotherNode()
    {
        var sender = await _first.CreateLiveSenderAsync();
        var template = await sender.Tenant.CreateApprovedTemplateAsync(_first, Messaging.Notification, "notification");
        await (await sender.SendAsync(template, new { order = "领取优惠券" }, RealNumber)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "content_rejected");
        var board = _second.Services.GetRequiredService<BreakerBoard>();

        await _second.Services.GetRequiredService<BreakerRefresher>().RefreshAsync(CancellationToken.None);

        var open = board.Find(sender.Tenant.Id, sender.Signature, template);
        Assert.Equal((BreakerScope.Template, template), (open?.Scope, open?.Key));
        Assert.Null(board.Find(sender.Tenant.Id, sender.Signature, "SMS_000000001"));
    }
}
