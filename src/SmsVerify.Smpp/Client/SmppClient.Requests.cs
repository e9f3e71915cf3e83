using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Client;

public sealed partial class SmppClient
{
    /// <summary>
    /// query_sm (SMPP v3.4 §4.8) on the current bind: the message's state as the SMSC knows it. An error comes back
    /// as the response's command_status (a generic_nack's too). Throws <see cref="SmppNotSentException"/> when no
    /// bind is up and <see cref="TimeoutException"/> when the SMSC does not answer within the response timeout.
    /// </summary>
    public async Task<QuerySmResp> QueryAsync(string messageId, string sourceAddr, CancellationToken cancellationToken = default)
    {
        var response = await RequestAsync(new QuerySm { MessageId = messageId, SourceAddr = sourceAddr }, cancellationToken).ConfigureAwait(false);
        return response as QuerySmResp ?? new QuerySmResp { CommandStatus = response.CommandStatus, SequenceNumber = response.SequenceNumber };
    }

    /// <summary>
    /// cancel_sm (SMPP v3.4 §4.9) for one message on the current bind; the response's command_status is ESME_ROK when
    /// the SMSC withdrew it. Fails as <see cref="QueryAsync"/> does.
    /// </summary>
    public async Task<CancelSmResp> CancelAsync(string messageId, string sourceAddr, string destinationAddr, CancellationToken cancellationToken = default)
    {
        var cancel = new CancelSm { MessageId = messageId, SourceAddr = sourceAddr, DestinationAddr = destinationAddr };
        var response = await RequestAsync(cancel, cancellationToken).ConfigureAwait(false);
        return response as CancelSmResp ?? new CancelSmResp { CommandStatus = response.CommandStatus, SequenceNumber = response.SequenceNumber };
    }

    private Task<Pdu> RequestAsync(Pdu request, CancellationToken cancellationToken)
    {
        _ = request.Length; // validates field lengths here, in the caller
        if (_options.BindMode == BindMode.Receiver)
        {
            throw new InvalidOperationException("a receiver bind cannot query or cancel (SMPP v3.4 §2.3)");
        }
        return Volatile.Read(ref _link) is { IsBound: true } link
            ? link.RequestWithTimeoutAsync(request, cancellationToken)
            : Task.FromException<Pdu>(new SmppNotSentException("no bind is up"));
    }
}
