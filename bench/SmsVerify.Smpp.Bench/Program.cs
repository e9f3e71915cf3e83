// Loopback submit_sm throughput over one bind, for windows 1, 10 and 64, beside the SMSC's own ceiling in the same
// run (RawBlaster: pre-encoded PDUs over a plain socket, no window).
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
var rates = new Dictionary<int, double>();
// 1024 is no carrier's window; it shows what the client itself can do once round trips no longer bound it.
foreach (var window in new[] { 1, 10, 64, 1024 })
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
    rates[window] = count / elapsed.TotalSeconds;
}

await RawBlaster.RunAsync(port, text, Math.Min(2_000, messages / 10)); // warm-up
var ceiling = messages / (await RawBlaster.RunAsync(port, text, messages)).TotalSeconds;
Console.WriteLine($"SMSC ceiling (raw pipelined client): {messages,7} submit_sm = {ceiling,8:0} submit_sm/s; "
    + $"window 64 reaches {rates[64] / ceiling:P0} of it, window 1024 {rates[1024] / ceiling:P0}");

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
