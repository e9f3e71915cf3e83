using SmsVerify.Server.Infrastructure.Security;
using SmsVerify.Smpp;

namespace SmsVerify.Server.Channels;

internal abstract partial class CarrierChannel
{
    private readonly IChannelEventSink? _sink;
    private readonly LogThrottle _unreadableLog = new(TimeSpan.FromSeconds(10));
    private int _warnedNoSink;

    /// <summary>
    /// Hands one receipt or reply to the sink and only then answers the carrier: <paramref name="acknowledge"/> once
    /// the sink has it, <paramref name="retry"/> (deliver it again later) when it failed, nothing when the channel is
    /// stopping (the carrier delivers it again to whichever node connects next). So a receipt is never acknowledged
    /// and then lost. A null event (an intermediate receipt, or one that cannot be used, as <paramref name="unusable"/>
    /// says) is acknowledged: asking for it again would bring the same bytes back for ever.
    /// </summary>
    private protected async ValueTask HandOverAsync(ChannelEvent? channelEvent, string? unusable, Func<string> printable,
        Action acknowledge, Action retry, CancellationToken stopping)
    {
        if (channelEvent is null)
        {
            if (unusable is not null)
            {
                Stats.CountUnreadableReceipt();
                if (_unreadableLog.ShouldLog(out var held))
                {
                    Log.UnreadableReceipt(Logger, Name, unusable, held, LogSafe.Receipt(printable()));
                }
            }
            acknowledge();
            return;
        }
        if (_sink is null)
        {
            if (Interlocked.Exchange(ref _warnedNoSink, 1) == 0)
            {
                Log.NoSink(Logger, Name);
            }
            retry();
            return;
        }
        try
        {
            await _sink.HandleAsync(channelEvent, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            Stats.Error("event not taken: " + e.Message);
            Log.SinkFailed(Logger, Name, e);
            retry();
            return;
        }
        acknowledge();
        if (channelEvent is ReceiptEvent)
        {
            Stats.CountReceipt();
        }
        else
        {
            Stats.CountInbound();
        }
    }

    /// <summary>A receipt's done time, written in the carrier's zone (<see cref="ChannelOptions.ReceiptUtcOffset"/>) without one, in UTC.</summary>
    private protected static DateTime? ReceiptTimeUtc(DateTime? local, TimeSpan utcOffset) =>
        local is { } time ? DateTime.SpecifyKind(time - utcOffset, DateTimeKind.Utc) : null;

    /// <summary>
    /// A phone's number in E.164 when it is recognisably one, else as the carrier gave it: an 11-digit mainland
    /// mobile number unless <paramref name="international"/>, or 86 and 11 digits.
    /// </summary>
    private protected static string PhoneNumber(string address, bool international)
    {
        var digits = address.TrimStart('+');
        if (digits.Length == 0 || digits.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return address;
        }
        if (digits.Length == 11 && digits[0] == '1' && !international)
        {
            return "+86" + digits;
        }
        return international || address.StartsWith('+') || (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal))
            ? "+" + digits : address;
    }
}
