using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Tencent;

/// <summary><c>PullSmsSendStatus</c> through the official SDK: each delivery report once.</summary>
public sealed class TencentPullStatusTests(TencentServer server) : IClassFixture<TencentServer>
{
    [VendorSdkFact]
    public async Task DeliveredReport_IsPulledOnce()
    {
        var sent = TencentSendSmsTests.Ok(await server.SendAsync(server.NotificationId, ["A1", "B2"], [TencentServer.TestNumber], session: "ctx-7"));
        var serial = sent.GetProperty("SendStatusSet")[0].Str("SerialNo");

        var first = TencentSendSmsTests.Ok(await server.CallAsync("PullSmsSendStatus", new { SmsSdkAppId = server.AppId, Limit = 100 }));
        var second = TencentSendSmsTests.Ok(await server.CallAsync("PullSmsSendStatus", new { SmsSdkAppId = server.AppId, Limit = 100 }));

        var report = Assert.Single(first.GetProperty("PullSmsSendStatusSet").EnumerateArray(), r => r.Str("SerialNo") == serial);
        Assert.Equal(("SUCCESS", TencentServer.TestNumber, "86", "13900001111", "ctx-7"),
            (report.Str("ReportStatus"), report.Str("PhoneNumber"), report.Str("CountryCode"), report.Str("SubscriberNumber"), report.Str("SessionContext")));
        Assert.InRange(report.GetProperty("UserReceiveTime").GetInt64(), DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds());
        Assert.DoesNotContain(second.GetProperty("PullSmsSendStatusSet").EnumerateArray(), r => r.Str("SerialNo") == serial);
    }

    [VendorSdkFact]
    public async Task TheSameSignedPoll_Twice_IsAnsweredBothTimes()
    {
        // TC3 has no nonce: two identical polls in one second carry one signature, and a read is not a replay risk.
        var polled = await server.CallAsync("PullSmsSendStatus", new { SmsSdkAppId = server.AppId, Limit = 7 }, new { replay = true });

        TencentSendSmsTests.Ok(polled);
        TencentSendSmsTests.Ok(polled.GetProperty("replay"));
    }
}
