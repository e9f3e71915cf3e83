using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Policy;
using SmsVerify.Server.Risk.Pumping;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Risk;

/// <summary>
/// A server whose carrier is a fake that keeps what it was given, so a test can read each code like the phone's
/// owner would and enter it, or not; the test runs the delivery worker and the pumping detector itself.
/// </summary>
public sealed partial class PumpingApp : IAsyncDisposable
{
    private readonly FakeChannel _carrier = new("carrier", 10, _ => new SubmitOutcome.Accepted([Guid.NewGuid().ToString("N")]));

    private PumpingApp(SmsVerifyApp app) => App = app;

    public SmsVerifyApp App { get; }

    /// <param name="pumping">The policy's pumping section as JSON, or null for the default policy.</param>
    public static async Task<PumpingApp> StartAsync(string? pumping = null)
    {
        PumpingApp? self = null;
        var app = new SmsVerifyApp
        {
            Settings =
            {
                ["Delivery:RunWorker"] = "false",
                ["Risk:Pumping:RunDetector"] = "false",
                ["Webhooks:AllowHttp"] = "true",
                ["Webhooks:AllowPrivateNetworks"] = "true",
            },
            TestServices = services => services.AddSingleton<IChannelRoutes>(_ => new FakeRoutes(self!._carrier)),
        };
        if (pumping is not null)
        {
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, PlatformPolicy.DefaultFileName)))!;
            json["pumping"] = JsonNode.Parse(pumping);
            var path = Path.Combine(Directory.CreateTempSubdirectory("smsverify-policy-").FullName, "policy.json");
            await File.WriteAllTextAsync(path, json.ToJsonString());
            app.Settings["Policy:Path"] = path;
        }
        self = new PumpingApp(app);
        await app.InitializeAsync();
        return self;
    }

    /// <summary>A live sender with 100 yuan.</summary>
    public async Task<LiveSender> SenderAsync()
    {
        var sender = await App.CreateLiveSenderAsync();
        await App.TopUpAsync(sender.Tenant.Id, 100m);
        return sender;
    }

    /// <summary>
    /// Starts a verification to each of <paramref name="count"/> numbers of the block (from <paramref name="first"/>),
    /// delivers them, and enters the code of the first <paramref name="approve"/>: the rest are never entered.
    /// </summary>
    public async Task SendAsync(LiveSender sender, string block, int count, int approve = 0, int first = 0)
    {
        List<(string Id, string To)> started = [];
        for (var i = first; i < first + count; i++)
        {
            var to = $"+86{block}{i:D4}";
            started.Add(((await (await sender.StartAsync(to)).OkAsync(HttpStatusCode.Created)).Str("id"), to));
        }
        if (approve == 0)
        {
            return;
        }
        var worker = App.Services.GetRequiredService<DeliveryWorker>();
        while (await worker.RunOnceAsync(CancellationToken.None) > 0)
        {
        }
        await worker.WhenIdleAsync();
        foreach (var (id, to) in started.Take(approve))
        {
            var code = Code().Match(_carrier.Submitted.Last(s => s.To == to).Text).Groups[1].Value;
            var checkedCode = await (await sender.Http.PostJsonAsync("/v1/verifications/check", new { id, code })).OkAsync();
            Assert.Equal("approved", checkedCode.Str("status"));
        }
    }

    /// <summary>Lets the window's verifications settle (honest users have typed their codes), then judges.</summary>
    public Task<int> DetectAsync()
    {
        App.Clock.Advance(TimeSpan.FromSeconds(PlatformPolicy.BuiltIn.Pumping.SettleSeconds + 1));
        return App.Services.GetRequiredService<PumpingDetector>().RunOnceAsync(CancellationToken.None);
    }

    public async Task<HttpClient> RiskOfficerAsync()
    {
        var key = await (await App.Operator().PostJsonAsync("/v1/operators/keys", new { role = "risk" })).OkAsync(HttpStatusCode.Created);
        return App.WithKey(key.Str("apiKey"));
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    [GeneratedRegex("验证码为([0-9]+)")]
    private static partial Regex Code();
}
