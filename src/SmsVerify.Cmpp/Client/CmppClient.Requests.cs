using SmsVerify.Cmpp.Packets;

namespace SmsVerify.Cmpp.Client;

public sealed partial class CmppClient
{
    /// <summary>
    /// CMPP_QUERY (§7.4.4) on the current link: the day's traffic counters, for the SP (<paramref name="serviceId"/>
    /// null) or one service. Throws <see cref="CmppNotSentException"/> when no link is up and
    /// <see cref="TimeoutException"/> when the ISMG does not answer within the response timeout.
    /// </summary>
    public async Task<QueryResp> QueryAsync(DateOnly day, string? serviceId = null, CancellationToken cancellationToken = default)
    {
        var query = new Query
        {
            Time = day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
            QueryType = serviceId is null ? (byte)0 : (byte)1,
            QueryCode = serviceId ?? "",
        };
        return (QueryResp)await RequestAsync(query, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>CMPP_CANCEL (§7.4.6) of one message by its Msg_Id; <see cref="CancelResp.Cancelled"/> says whether it was withdrawn.</summary>
    public async Task<CancelResp> CancelAsync(ulong msgId, CancellationToken cancellationToken = default) =>
        (CancelResp)await RequestAsync(new Cancel { MsgId = msgId }, cancellationToken).ConfigureAwait(false);

    private Task<Packet> RequestAsync(Packet request, CancellationToken cancellationToken)
    {
        request.Version = Options.Version;
        _ = request.Length; // validates the fields here, in the caller
        return Volatile.Read(ref _link) is { IsLoggedIn: true } link
            ? link.RequestWithTimeoutAsync(request, cancellationToken)
            : Task.FromException<Packet>(new CmppNotSentException("no link is up"));
    }
}
