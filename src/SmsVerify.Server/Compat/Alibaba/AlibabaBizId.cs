namespace SmsVerify.Server.Compat.Alibaba;

/// <summary>
/// Alibaba answers a send with one <c>BizId</c> (<c>900619746936498440^0</c>). Ours is the id of the send's first
/// message, 32 hex digits, with the same <c>^0</c> tail: QuerySendDetails finds that message and, through it, every
/// message of the same send (same tenant, same moment), so a BizId names one send as it does at Alibaba.
/// </summary>
/// <remarks>
/// "First" is the send's lowest id as text (<see cref="FirstOf"/>), not the first number given: a status report
/// names its send's BizId again from the stored messages alone, and they do not keep the order of the numbers.
/// </remarks>
internal static class AlibabaBizId
{
    private const string Tail = "^0";

    public static string Of(Guid firstMessageId) => firstMessageId.ToString("N") + Tail;

    /// <summary>The id a send's BizId is made of, among its messages' ids.</summary>
    public static Guid FirstOf(IEnumerable<Guid> sendMessageIds) => sendMessageIds.MinBy(id => id.ToString("N"), StringComparer.Ordinal);

    public static bool TryParse(string? bizId, out Guid firstMessageId)
    {
        firstMessageId = Guid.Empty;
        return bizId is { Length: 34 } && bizId.EndsWith(Tail, StringComparison.Ordinal) && Guid.TryParseExact(bizId.AsSpan(0, 32), "N", out firstMessageId);
    }
}
