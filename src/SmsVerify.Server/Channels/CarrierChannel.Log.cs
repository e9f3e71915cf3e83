namespace SmsVerify.Server.Channels;

internal abstract partial class CarrierChannel
{
    private protected static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Channel {Channel}: nothing takes receipts or replies in this server; asking the carrier to deliver them again later")]
        public static partial void NoSink(ILogger logger, string channel);

        [LoggerMessage(LogLevel.Warning, "Channel {Channel}: a receipt or reply was not taken; the carrier will deliver it again")]
        public static partial void SinkFailed(ILogger logger, string channel, Exception exception);

        [LoggerMessage(LogLevel.Warning, "Channel {Channel}: circuit breaker {State}: {Reason}")]
        public static partial void BreakerChanged(ILogger logger, string channel, BreakerState state, string reason);

        [LoggerMessage(LogLevel.Warning, "Channel {Channel}: a submit went unanswered ({Reason}); the carrier may have it, so a resend is marked as a possible copy ({Held} more since the last such line)")]
        public static partial void Unanswered(ILogger logger, string channel, string reason, long held);

        [LoggerMessage(LogLevel.Warning, "Channel {Channel}: a receipt could not be used ({Problem}); acknowledged, and no message changed ({Held} more since the last such line): {Receipt}")]
        public static partial void UnreadableReceipt(ILogger logger, string channel, string problem, long held, string receipt);
    }
}
