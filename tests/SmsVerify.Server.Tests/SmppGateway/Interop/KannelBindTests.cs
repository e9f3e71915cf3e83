using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.SmppGateway;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.SmppGateway.Interop;

/// <summary>
/// Kannel with a wrong password, on a server of its own: Kannel retries the bind every few seconds, and failed binds
/// from 127.0.0.1 would slow (and later lock out) every other test's binds from that address.
/// </summary>
public sealed class KannelBindTests : IClassFixture<SmsVerifyApp>
{
    private readonly SmsVerifyApp _app;

    public KannelBindTests(SmsVerifyApp app) => _app = app;

    [KannelFact]
    public async Task Kannel_WrongPassword_IsRefusedWithInvalidPassword_AndHoldsNoBind()
    {
        var sender = await _app.CreateLiveSenderAsync();
        var (systemId, _) = await sender.Tenant.CreateSmppAccountAsync();
        await using var callbacks = await KannelCallbacks.StartAsync();
        var port = _app.Services.GetRequiredService<SmppListener>().EndPoint!.Port;

        await using var kannel = await KannelBoxes.StartAsync(port, systemId, "wrongpw", callbacks.BaseUrl + "/mo");

        // Kannel logs the bind_transceiver_resp it got; 0x0000000e is ESME_RINVPASWD.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!kannel.Logs().Contains("command_status: 14 = 0x0000000e", StringComparison.OrdinalIgnoreCase))
        {
            await Task.Delay(100, guard.Token).ContinueWith(t => Assert.False(t.IsCanceled, "No refusal logged:\n" + kannel.Logs()), TaskScheduler.Default);
        }
        var account = (await (await sender.Http.GetAsync("/v1/smpp/accounts")).OkAsync()).EnumerateArray().Single(a => a.Str("systemId") == systemId);
        Assert.Equal(0, account.GetProperty("binds").GetInt32());
    }
}
