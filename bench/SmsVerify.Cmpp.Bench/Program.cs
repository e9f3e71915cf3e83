// Loopback CMPP_SUBMIT throughput over one link against the in-process gateway, at window 1 and the specification's
// 16, beside the gateway's own ceiling in the same run (RawSubmitter: pre-encoded submits, no window).
//   dotnet run -c Release --project bench/SmsVerify.Cmpp.Bench [-- --messages N] [--v2]
using System.Diagnostics;
using SmsVerify.Cmpp.Bench;
using SmsVerify.Cmpp.Client;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Gateway;
using SmsVerify.Cmpp.Packets;
using SmsVerify.Cmpp.Text;

var version = args.Contains("--v2") ? CmppVersion.V20 : CmppVersion.V30;
var messages = args.SkipWhile(a => a != "--messages").Skip(1).Select(int.Parse).FirstOrDefault(100_000);

await using var gateway = new CmppGateway(new CmppGatewayOptions { Accounts = new() { ["901234"] = "secret" } }).Start();
Console.WriteLine($"ISMG: in-process CmppGateway, CMPP 0x{(byte)version:X2}, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}");

var template = new Submit { ServiceId = "SMSV", SrcId = "10690001", DestTerminalIds = ["13800138000"] };
CmppSplitter.Split("【SmsVerify】您的验证码是482913，5分钟内有效。")[0].ApplyTo(template);

var rates = new Dictionary<int, double>();
foreach (var window in new[] { 1, 16 })
{
    await using var client = new CmppClient(new CmppClientOptions
    {
        Port = gateway.EndPoint.Port,
        Version = version,
        SourceAddr = "901234",
        SharedSecret = "secret",
        Window = window,
    });
    await client.ConnectAsync();
    // Window 1 is one round trip per message: fewer messages keep the run short.
    var count = window == 1 ? Math.Min(messages, 10_000) : messages;
    await RunAsync(client, template, Math.Min(2_000, count / 10)); // warm-up: JIT, pools, TCP buffers
    var elapsed = await RunAsync(client, template, count);
    rates[window] = count / elapsed.TotalSeconds;
    Console.WriteLine($"window {window,2}: {count,7} CMPP_SUBMIT in {elapsed.TotalSeconds,6:0.00} s = {rates[window],8:0} submits/s");
}

await RawSubmitter.RunAsync(gateway.EndPoint, version, template, Math.Min(2_000, messages / 10)); // warm-up
var ceiling = messages / (await RawSubmitter.RunAsync(gateway.EndPoint, version, template, messages)).TotalSeconds;
Console.WriteLine($"gateway ceiling (raw pipelined submits): {messages,7} CMPP_SUBMIT = {ceiling,8:0} submits/s; window 16 reaches {rates[16] / ceiling:P0} of it");

static async Task<TimeSpan> RunAsync(CmppClient client, Submit template, int count)
{
    var tasks = new Task<SubmitResp>[count];
    var start = Stopwatch.GetTimestamp();
    for (var i = 0; i < count; i++)
    {
        tasks[i] = client.SubmitAsync(new Submit
        {
            ServiceId = template.ServiceId,
            SrcId = template.SrcId,
            DestTerminalIds = template.DestTerminalIds,
            MsgFmt = template.MsgFmt,
            MsgContent = template.MsgContent,
        });
    }
    var responses = await Task.WhenAll(tasks);
    var elapsed = Stopwatch.GetElapsedTime(start);
    var failed = responses.Count(r => r.Result != SubmitResult.Ok);
    return failed == 0 ? elapsed : throw new InvalidOperationException($"{failed} submits failed");
}
