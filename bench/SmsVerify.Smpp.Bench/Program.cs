// Loopback submit_sm throughput over one bind, for windows 1, 10 and 64.
//   dotnet run -c Release --project bench/SmsVerify.Smpp.Bench [-- --node] [--messages N]
// Without --node the SMSC is the library's own SmppServer in this process; with --node it is
// tests/SmsVerify.Smpp.Tests/peer/smsc.js (npm `smpp`), which must be installed with npm ci.
using System.Diagnostics;
using SmsVerify.Smpp.Bench;
using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Server;
using SmsVerify.Smpp.Text;

var useNode = args.Contains("--node");
var messages = args.SkipWhile(a => a != "--messages").Skip(1).Select(int.Parse).FirstOrDefault(useNode ? 20_000 : 200_000);

await using var peer = useNode ? await NodePeer.StartAsync() : null;
await using var server = useNode ? null : new SmppServer().Start();
var port = peer?.Port ?? server!.EndPoint.Port;
Console.WriteLine($"SMSC: {(useNode ? "npm smpp peer (node)" : "in-process SmppServer")}, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}");

var text = Gsm7.Encode("Your SmsVerify code is 482913. It expires in 5 minutes.");
foreach (var window in new[] { 1, 10, 64 })
{
    await using var client = new SmppClient(new SmppClientOptions
    {
        Port = port,
        SystemId = "esme",
        Password = "secret",
        Window = window,
        ResponseTimeout = TimeSpan.FromSeconds(60),
    });
    await client.ConnectAsync();
    // Window 1 is one round trip per message: fewer messages keep the run short.
    var count = window == 1 ? Math.Min(messages, 20_000) : messages;
    await RunAsync(client, text, Math.Min(2_000, count / 10)); // warm-up: JIT, pools, TCP buffers
    var elapsed = await RunAsync(client, text, count);
    Console.WriteLine($"window {window,3}: {count,7} submit_sm in {elapsed.TotalSeconds,6:0.00} s = {count / elapsed.TotalSeconds,8:0} submit_sm/s");
}

static async Task<TimeSpan> RunAsync(SmppClient client, byte[] text, int count)
{
    var tasks = new Task<SubmitSmResp>[count];
    var start = Stopwatch.GetTimestamp();
    for (var i = 0; i < count; i++)
    {
        tasks[i] = client.SubmitAsync(new SubmitSm
        {
            SourceAddr = "SmsVerify",
            DestinationAddr = "8613800000000",
            ShortMessage = text,
        });
    }
    var responses = await Task.WhenAll(tasks);
    var elapsed = Stopwatch.GetElapsedTime(start);
    var failed = responses.Count(r => r.CommandStatus != 0);
    if (failed > 0)
    {
        throw new InvalidOperationException($"{failed} submits failed");
    }
    return elapsed;
}
