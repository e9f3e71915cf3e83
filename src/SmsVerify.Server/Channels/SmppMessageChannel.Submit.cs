using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Text;

namespace SmsVerify.Server.Channels;

internal sealed partial class SmppMessageChannel
{
    private static readonly HashSet<string> MessageFaults =
    [
        CommandStatus.Name(CommandStatus.InvalidDestinationAddress), CommandStatus.Name(CommandStatus.InvalidDestinationTon),
        CommandStatus.Name(CommandStatus.InvalidDestinationNpi), CommandStatus.Name(CommandStatus.InvalidMessageLength),
    ];

    protected override bool IsMessageFault(string errorCode) => MessageFaults.Contains(errorCode);

    protected override Task<SubmitOutcome> SendAsync(OutboundSms sms, CancellationToken cancellationToken) =>
        SendPartsAsync<SmppBind, SmsSegment>(() =>
        {
            var alphabet = Options.DataCoding == ChannelDataCoding.Ucs2 ? SmsAlphabet.Ucs2 : (SmsAlphabet?)null;
            return SmsSplitter.Split(sms.Text, Options.Concatenation, (ushort)Interlocked.Increment(ref _reference), alphabet);
        }, (bind, part) => SendPartAsync(bind, sms, part, cancellationToken));

    private async Task<PartAnswer> SendPartAsync(SmppBind bind, OutboundSms sms, SmsSegment part, CancellationToken cancellationToken)
    {
        var pdu = Pdu(sms);
        part.ApplyTo(pdu);
        SubmitSmResp response;
        try
        {
            response = await bind.Client.SubmitAsync(pdu, cancellationToken);
        }
        catch (ArgumentException e)
        {
            return new PartAnswer.Invalid(e.Message);
        }
        catch (SmppNotSentException e)
        {
            return new PartAnswer.NotSent(e.Message);
        }
        catch (SmppUnknownOutcomeException e)
        {
            return new PartAnswer.NoAnswer(e.Message);
        }
        if (response.CommandStatus == CommandStatus.Ok)
        {
            return new PartAnswer.Taken(response.MessageId);
        }
        var status = CommandStatus.Name(response.CommandStatus);
        // A generic_nack says the SMSC could not read the submit at all: the link's or the SMSC's trouble, so
        // another channel, or this one later, may take the same message.
        return new PartAnswer.Refused(status, response.GenericNack ? $"generic_nack ({status})" : status,
            response.GenericNack || CommandStatus.IsTransient(response.CommandStatus));
    }

    private SubmitSm Pdu(OutboundSms sms)
    {
        var source = Options.SourceAddress + sms.SourceExtension;
        var numeric = source.Length > 0 && !source.AsSpan().ContainsAnyExceptInRange('0', '9');
        return new SubmitSm
        {
            // §5.2.5-6: a numeric source (a 106… code) as unknown TON on E.164; letters as alphanumeric TON 5.
            SourceAddrTon = (byte)(numeric || source.Length == 0 ? 0 : 5),
            SourceAddrNpi = (byte)(numeric ? 1 : 0),
            SourceAddr = source,
            DestAddrTon = 1, // international, E.164 digits without '+'
            DestAddrNpi = 1,
            DestinationAddr = sms.To.TrimStart('+'),
            RegisteredDelivery = 1, // a receipt for the final outcome, success or failure
        };
    }
}
