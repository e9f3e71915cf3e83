using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.SmppGateway;
using SmsVerify.Server.Tests.Support;
using SmsVerify.Smpp.Tests.NodePeer;

namespace SmsVerify.Server.Tests.SmppGateway.Interop;

/// <summary>A gateway on the npm package <c>smpp</c> (node-smpp), run as Interop/smpp-client.js, bound to the listener.</summary>
public sealed class NodeSmppClientTests : IClassFixture<SmsVerifyApp>
{
    private const string Code = "【某某科技】您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。";
    private readonly SmsVerifyApp _app;

    public NodeSmppClientTests(SmsVerifyApp app)
    {
        _app = app;
        // The sandbox carrier answers every message with a receipt at once.
        app.Settings["Sandbox:CarrierReceiptDelay"] = "00:00:00";
    }

    [NodeClientFact]
    public async Task NodeSmpp_MatchedTextWithAReceipt_GetsTheMessageIdAndItsReceipt()
    {
        var sender = await LiveSenderAsync();
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync();

        var (run, events) = await ClientAsync(systemId, password, "8613800138021", Code);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(0, Single(events, "bind_transceiver_resp").GetProperty("status").GetInt32());
        var resp = Single(events, "submit_sm_resp");
        Assert.Equal(0, resp.GetProperty("status").GetInt32());
        var id = resp.Str("message_id");
        Assert.True(Guid.TryParse(id, out _), id);
        var receipt = Single(events, "receipt");
        Assert.Equal((id, 2), (receipt.Str("receipted_message_id"), receipt.GetProperty("message_state").GetInt32()));
        Assert.Contains($"id:{id} ", receipt.Str("text"), StringComparison.Ordinal);
        Assert.Contains("stat:DELIVRD", receipt.Str("text"), StringComparison.Ordinal);
        Assert.Equal(0, Single(events, "unbind_resp").GetProperty("status").GetInt32());
        var message = await (await sender.Http.GetAsync($"/v1/messages/{id}")).OkAsync();
        Assert.Equal((sender.Template, "+8613800138021"), (message.Str("template"), message.Str("to")));
    }

    [NodeClientFact]
    public async Task NodeSmpp_TwoQuickSubmitsAtOneAMessagePerSecond_TheSecondIsThrottled()
    {
        var sender = await LiveSenderAsync();
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync(new { messagesPerSecond = 1 });

        // The server's clock stands still in tests: the bucket holds one, and nothing refills it.
        var (run, events) = await ClientAsync(systemId, password, "8613800138022", Code, count: 2);

        Assert.True(run.ExitCode == 0, run.ToString());
        var statuses = events.Where(e => e.Str("event") == "submit_sm_resp").Select(e => e.GetProperty("status").GetInt32()).Order().ToList();
        Assert.Equal([0, 0x58], statuses);
        Assert.Single(events, e => e.Str("event") == "receipt");
    }

    private async Task<LiveSender> LiveSenderAsync()
    {
        var sender = await _app.CreateLiveSenderAsync();
        await _app.TopUpAsync(sender.Tenant.Id, 10m);
        return sender;
    }

    private async Task<(PeerProcess Run, List<JsonElement> Events)> ClientAsync(string systemId, string password, string to, string text, int count = 1)
    {
        var port = _app.Services.GetRequiredService<SmppListener>().EndPoint!.Port;
        var modules = Path.Combine(NodeSmsc.FindPeerDirectory()!, "node_modules");
        var run = await PeerProcess.RunAsync(NodeScripts.FindNode()!,
            [Path.Combine(InteropPeers.InteropFolder()!, "smpp-client.js"), port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                systemId, password, to, text, count.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            environment: new Dictionary<string, string> { ["NODE_PATH"] = modules });
        var events = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        return (run, events);
    }

    private static JsonElement Single(List<JsonElement> events, string name) => Assert.Single(events, e => e.Str("event") == name);
}
