using System.Net;

namespace SmsVerify.Bench.Versus;

/// <summary>
/// One Kannel run: a fresh SMSC and fresh boxes, then one sendsms GET per message, each asking for every delivery
/// report (<c>dlr-mask=31</c>) at a dlr-url that names the message.
/// </summary>
internal static class KannelRun
{
    public const string Store = "in memory (dlr-storage internal)";

    public static async Task<VersusResult> RunAsync(int round, VersusOptions options, CallbackSink sink, string repoRoot, RunResources resources)
    {
        var smsc = resources.Add(await SmscProcess.StartAsync(repoRoot));
        var kannel = resources.Add(await KannelBoxes.StartAsync(smsc.Port, TimeSpan.FromSeconds(60)));
        using var http = Bench.CreateClient(new Uri($"http://127.0.0.1:{kannel.SendSmsPort}"), options.Connections);
        int phoneBase = Random.Shared.Next(0, 100_000_000 - options.Messages - options.Warmup);
        if (options.Warmup > 0)
        {
            // The same warm-up as SmsVerify's, though Kannel, compiled ahead of time, has nothing to warm but its caches.
            var warmup = sink.Begin(options.Warmup, byVerification: false);
            var warmed = await MeasureAsync(warmup, options.Warmup, phoneBase + options.Messages);
            if (!warmed.Ok)
            {
                return warmed with { Failure = $"warm-up: {warmed.Failure}" };
            }
        }
        var result = await MeasureAsync(sink.Begin(options.Messages, byVerification: false), options.Messages, phoneBase);
        // A failed run's configuration and logs are what explains it.
        kannel.KeepLogs = !result.Ok;
        return result;

        async Task<VersusResult> MeasureAsync(SinkRun run, int count, int firstPhone)
        {
            // Prepared up front, as SmsVerify's bodies are, so the measured loop only sends.
            var requests = new Uri[count];
            for (int i = 0; i < requests.Length; i++)
            {
                requests[i] = SendSms(VersusTexts.Phone(firstPhone + i), VersusTexts.Notification(i), sink.KannelDlrUrl(run, i));
            }
            return await VersusResult.MeasureAsync(round, Variant.Kannel, Store, options.Connections, options.SettleTimeout, run, async i =>
            {
                using var response = await http.GetAsync(requests[i]);
                string body = await response.Content.ReadAsStringAsync();
                return response.StatusCode == HttpStatusCode.Accepted && body.StartsWith("0: Accepted", StringComparison.Ordinal)
                    ? null
                    : $"HTTP {(int)response.StatusCode} {body.Trim()}";
            }, () => kannel.Cpu, () => smsc.Cpu);
        }
    }

    /// <summary>The text in UCS-2 (<c>coding=2</c>), given as UTF-8; the sender is the SMSC-side number SmsVerify uses too.</summary>
    private static Uri SendSms(string to, string text, string dlrUrl)
    {
        var query = new (string Name, string Value)[]
        {
            ("username", KannelBoxes.User), ("password", KannelBoxes.Password), ("from", VersusTexts.SourceAddress), ("to", to),
            ("text", text), ("charset", "UTF-8"), ("coding", "2"), ("dlr-mask", "31"), ("dlr-url", dlrUrl),
        };
        return new Uri("/cgi-bin/sendsms?" + string.Join('&', query.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}")), UriKind.Relative);
    }
}
