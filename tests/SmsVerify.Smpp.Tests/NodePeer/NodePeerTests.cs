using System.Text.Json;
using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Receipts;
using SmsVerify.Smpp.Tests.Support;
using SmsVerify.Smpp.Text;
using Xunit.Abstractions;

namespace SmsVerify.Smpp.Tests.NodePeer;

/// <summary>The client against an SMSC written by others: the npm `smpp` package (peer/smsc.js).</summary>
public sealed class NodePeerTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestLogger<SmppClient> _log = new(output);

    public void Dispose() => _log.Dispose();

    private SmppClient Client(NodeSmsc smsc, Action<SmppClientOptions>? configure = null)
    {
        var options = new SmppClientOptions
        {
            Port = smsc.Port,
            SystemId = "esme",
            Password = "secret",
            ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
            ThrottlePause = TimeSpan.FromMilliseconds(20),
            ResponseTimeout = TimeSpan.FromSeconds(20),
        };
        configure?.Invoke(options);
        return new SmppClient(options, _log);
    }

    private static SubmitSm Ascii(string text) => new()
    {
        SourceAddr = "SmsVerify",
        DestinationAddr = "8613800000000",
        ShortMessage = Gsm7.Encode(text),
    };

    private static string Text(JsonElement e) => e.GetProperty("text").GetString()!;
    private static int Status(JsonElement e) => e.GetProperty("status").GetInt32();

    [NodePeerFact]
    public async Task WrongPassword_IsRefusedWithInvalidPassword()
    {
        await using var smsc = await NodeSmsc.StartAsync();
        await using var client = Client(smsc, o => o.Password = "nope");
        var error = await Assert.ThrowsAsync<SmppBindException>(() => client.ConnectAsync().Guarded());
        Assert.Equal(CommandStatus.InvalidPassword, error.CommandStatus);
        Assert.False((await smsc.NextAsync("bind")).GetProperty("ok").GetBoolean());
    }

    [NodePeerFact]
    public async Task ChineseLongMessage_ArrivesWholeAtThePeer()
    {
        const string text = "【SmsVerify】您的验证码是 482913，5 分钟内有效。请勿将验证码泄露给他人，工作人员不会向您索取。"
            + "如非本人操作，请忽略本短信。这是一条较长的中文短信，用于检验长短信按 UCS-2 拆分为多条并由对端按 UDH 重组，"
            + "其中还有表情符号😀🎉，它们由代理对组成，不能被拆开。感谢使用！";
        await using var smsc = await NodeSmsc.StartAsync();
        await using var client = Client(smsc);
        await client.ConnectAsync().Guarded();
        var segments = SmsSplitter.Split(text, ConcatenationMode.Udh, reference: 0x42);
        Assert.InRange(segments.Count, 3, 5);
        var responses = await Task.WhenAll(segments.Select(s =>
        {
            var submit = new SubmitSm { SourceAddr = "SmsVerify", DestinationAddr = "8613800000000" };
            s.ApplyTo(submit);
            return client.SubmitAsync(submit);
        })).Guarded();
        Assert.All(responses, r => Assert.Equal(CommandStatus.Ok, r.CommandStatus));
        var message = await smsc.NextAsync("message");
        Assert.Equal(segments.Count, message.GetProperty("parts").GetInt32());
        Assert.Equal(text, Text(message));
        Assert.Equal(responses.Select(r => r.MessageId), message.GetProperty("message_ids").EnumerateArray().Select(e => e.GetString()));
    }

    [NodePeerFact]
    public async Task Receipts_AreCorrelatedToTheSubmitMessageIds()
    {
        await using var smsc = await NodeSmsc.StartAsync("--receipts");
        await using var client = Client(smsc);
        await client.ConnectAsync().Guarded();
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => client.SubmitAsync(Ascii($"code {i}")))).Guarded();
        var receipts = new List<DeliveryReceipt>();
        while (receipts.Count < responses.Length)
        {
            var deliver = await client.Deliveries.ReadAsync().AsTask().Guarded();
            Assert.True(DeliveryReceipt.TryParse(deliver.Pdu, out var receipt));
            Assert.True(deliver.Acknowledge());
            receipts.Add(receipt);
        }
        Assert.Equal(responses.Select(r => r.MessageId).Order(), receipts.Select(r => r.MessageId).Order());
        Assert.All(receipts, r => Assert.Equal(MessageState.Delivered, r.State));
        Assert.All(receipts, r => Assert.Equal(new DateTime(2026, 11, 23, 12, 0, 0), r.DoneDate));
    }

    [NodePeerFact]
    public async Task Throttling_IsRetried_AndEveryMessageIsAcceptedOnce()
    {
        await using var smsc = await NodeSmsc.StartAsync("--throttle", "3");
        await using var client = Client(smsc, o => o.Window = 5);
        await client.ConnectAsync().Guarded();
        var texts = Enumerable.Range(0, 12).Select(i => $"t{i}").ToArray();
        var responses = await Task.WhenAll(texts.Select(t => client.SubmitAsync(Ascii(t)))).Guarded();
        Assert.All(responses, r => Assert.Equal(CommandStatus.Ok, r.CommandStatus));
        var submits = await smsc.AllAsync("submit", texts.Length + 3);
        Assert.Equal(3, submits.Count(s => Status(s) == (int)CommandStatus.Throttled));
        var accepted = submits.Where(s => Status(s) == 0).Select(Text).Order().ToArray();
        Assert.Equal(texts.Order(), accepted);
    }

    [NodePeerFact]
    public async Task PeerDropsMidWindow_ClientReconnects_NoMessageLostOrDuplicated()
    {
        const int window = 10, count = 30, dropAt = 5;
        await using var smsc = await NodeSmsc.StartAsync("--drop-after", dropAt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var client = Client(smsc, o => o.Window = window);
        await client.ConnectAsync().Guarded();
        var texts = Enumerable.Range(1, count).Select(i => $"d{i}").ToArray();
        var tasks = texts.Select(t => client.SubmitAsync(Ascii(t))).ToArray();
        await Task.WhenAll(tasks).ContinueWith(_ => { }, TaskScheduler.Default).Guarded();

        await smsc.AllAsync("bind", 2);
        var binds = smsc.Seen("bind");
        Assert.All(binds, b => Assert.True(b.GetProperty("ok").GetBoolean()));
        var accepted = tasks.Where(t => t.IsCompletedSuccessfully).ToArray();
        await smsc.AllAsync("message", accepted.Length);
        smsc.Drain();
        var submits = smsc.Seen("submit");
        for (var i = 0; i < count; i++)
        {
            var seen = submits.Where(s => Text(s) == texts[i]).ToArray();
            if (tasks[i].IsFaulted)
            {
                Assert.IsType<SmppUnknownOutcomeException>(tasks[i].Exception!.InnerException);
                Assert.InRange(seen.Length, 0, 1); // seen at most once, never silently sent again
            }
            else
            {
                var resp = await tasks[i];
                var single = Assert.Single(seen);
                Assert.Equal(single.GetProperty("message_id").GetString(), resp.MessageId);
            }
        }
        Assert.True(tasks[dropAt - 1].IsFaulted, "the submit the peer dropped on was written, so its outcome is unknown");
        // The peer answered the first dropAt - 1, freeing their slots: at most window + dropAt - 1 were written.
        Assert.All(tasks.Skip(window + dropAt - 1), t => Assert.True(t.IsCompletedSuccessfully));
    }
}
