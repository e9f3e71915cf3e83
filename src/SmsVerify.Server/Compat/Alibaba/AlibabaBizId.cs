namespace SmsVerify.Server.Compat.Alibaba;

/// <summary>
/// Alibaba answers a send with one <c>BizId</c> (<c>900619746936498440^0</c>). Ours is the id of the send's first
/// message, 32 hex digits, with the same <c>^0</c> tail: QuerySendDetails finds that message and, through it, every
/// message of the same send (same tenant, same moment), so a BizId names one send as it does at Alibaba.
/// </summary>
internal static class AlibabaBizId
{
    private const string Tail = "^0";

    public static string Of(Guid firstMessageId) => firstMessageId.ToString("N") + Tail;

    public static bool TryParse(string? bizId, out Guid firstMessageId)
    {
        firstMessageId = Guid.Empty;
        return bizId is { Length: 34 } && bizId.EndsWith(Tail, StringComparison.Ordinal) && Guid.TryParseExact(bizId.AsSpan(0, 32), "N", out firstMessageId);
    }
}
