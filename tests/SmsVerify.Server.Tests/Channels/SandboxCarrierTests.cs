using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmsVerify.Server.Channels;
using SmsVerify.Smpp.Text;

namespace SmsVerify.Server.Tests.Channels;

public sealed class SandboxCarrierTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly FakeSink _sink = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SandboxCarrierOptions _options = new() { CarrierReceiptDelay = TimeSpan.FromSeconds(2) };
    private SandboxCarrierChannel _channel = null!;
    private Task _running = Task.CompletedTask;

    public Task InitializeAsync()
    {
        _channel = new SandboxCarrierChannel(Microsoft.Extensions.Options.Options.Create(_options), _clock, NullLogger<SandboxCarrierChannel>.Instance, _sink);
        _running = _channel.RunAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(Wait.Guard);
    }

    [Fact]
    public async Task Submit_IsAcceptedAtOnce_WithAnIdPerPart_AndEachPartIsReportedDeliveredLater()
    {
        var text = new string('验', 100);
        var accepted = Assert.IsType<SubmitOutcome.Accepted>(await _channel.SubmitAsync(new(Guid.NewGuid(), "+8613812345678", text, null), default));
        Assert.Equal(SmsSplitter.CountParts(text), accepted.CarrierMessageIds.Count);
        Assert.All(accepted.CarrierMessageIds, id => Assert.StartsWith("sbx-", id));
        Assert.Empty(_sink.Taken); // the fake clock has not moved, so nothing is due

        // Step the clock until both receipts are in: the loop may start its wait before or after a step.
        await StepUntil(() => _sink.Taken.Count == accepted.CarrierMessageIds.Count);
        var receipts = _sink.Taken.Cast<ReceiptEvent>().ToList();
        Assert.Equal(accepted.CarrierMessageIds.Order(), receipts.Select(r => r.CarrierMessageId).Order());
        Assert.All(receipts, r => Assert.Equal((SandboxCarrierChannel.ChannelName, ReceiptOutcome.Delivered), (r.Channel, r.Outcome)));
        await Wait.Until(() => _channel.Describe().Receipts == 2, "receipts counted");
    }

    [Fact]
    public void SwitchedOff_ItIsDown_AndServesNoCarrier()
    {
        _options.CarrierEnabled = false;
        Assert.Equal(ChannelState.Down, _channel.State);
        Assert.False(_channel.Serves(Carrier.ChinaMobile));
        Assert.Null(new ChannelRouter([_channel]).Pick(Carrier.ChinaMobile));
    }

    [Theory]
    [InlineData(false, ChannelState.Down)]
    [InlineData(true, ChannelState.Up)]
    public void WithSmppChannelsConfigured_ItStandsBy_UnlessFallbackIsSwitchedOn(bool fallback, ChannelState state)
    {
        _options.CarrierFallback = fallback;
        var channels = Microsoft.Extensions.Options.Options.Create(new List<ChannelOptions> { new() { Name = "cmcc", Enabled = false } });
        var channel = new SandboxCarrierChannel(
            Microsoft.Extensions.Options.Options.Create(_options), _clock, NullLogger<SandboxCarrierChannel>.Instance, _sink, channels);
        Assert.Equal(state, channel.State);
        Assert.Equal(fallback, new ChannelRouter([channel]).Pick(Carrier.ChinaMobile) is not null);
    }

    private async Task StepUntil(Func<bool> done)
    {
        var deadline = DateTime.UtcNow + Wait.Guard;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "receipts never came");
            _clock.Advance(_options.CarrierReceiptDelay);
            await Task.Delay(10);
        }
    }
}
