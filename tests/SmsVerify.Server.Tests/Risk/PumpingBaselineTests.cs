using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Risk;

public sealed class PumpingBaselineTests
{
    [Fact]
    public async Task LowConversionAtTheBlocksUsualVolume_IsNotBlocked_ButTheSameInANewBlockIs()
    {
        // A three-hour baseline, so the test can build one.
        await using var app = await PumpingApp.StartAsync("""
            { "windowSeconds": 3600, "settleSeconds": 300, "minSends": 20, "conversionFloor": 0.2, "baselineSeconds": 10800, "volumeJumpFactor": 3, "blockSeconds": 0 }
            """);
        var sender = await app.SenderAsync();
        for (var hour = 0; hour < 3; hour++)
        {
            await app.SendAsync(sender, "1391234", 20, first: hour * 100);
            app.App.Clock.Advance(TimeSpan.FromHours(1));
        }
        await app.SendAsync(sender, "1391234", 20, first: 300);
        await app.SendAsync(sender, "1380013", 20);

        Assert.Equal(1, await app.DetectAsync());

        var block = Assert.Single((await (await sender.Http.GetAsync("/v1/risk/blocks")).OkAsync()).EnumerateArray());
        Assert.Equal("1380013", block.Str("block"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, block.GetProperty("expiresAt").ValueKind);
        await (await sender.StartAsync("+8613912349999")).OkAsync(HttpStatusCode.Created);
    }
}
