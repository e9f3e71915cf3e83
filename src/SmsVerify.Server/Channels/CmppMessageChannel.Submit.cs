using SmsVerify.Cmpp.Client;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Packets;
using SmsVerify.Cmpp.Text;

namespace SmsVerify.Server.Channels;

internal sealed partial class CmppMessageChannel
{
    /// <summary>
    /// Results that name the message, not the channel (length, too long, a number this gateway does not serve, a bad
    /// destination): they fail the message and tell the breaker nothing. The others (structure, service id, fee code,
    /// Src_Id …) are the channel's configuration, and count against it.
    /// </summary>
    private static readonly HashSet<string> MessageFaults =
    [
        ErrorCode(SubmitResult.InvalidMessageLength), ErrorCode(SubmitResult.MessageTooLong),
        ErrorCode(SubmitResult.NotServedFeeTerminal), ErrorCode(SubmitResult.InvalidDestTerminalId),
    ];

    /// <summary>The error code a message refused with SUBMIT_RESP Result <paramref name="result"/> carries.</summary>
    public static string ErrorCode(uint result) => $"cmpp_result_{result}";

    protected override bool IsMessageFault(string errorCode) => MessageFaults.Contains(errorCode);

    protected override Task<SubmitOutcome> SendAsync(OutboundSms sms, CancellationToken cancellationToken) =>
        SendPartsAsync<CmppLink, CmppSegment>(() =>
        {
            var format = Options.DataCoding == ChannelDataCoding.Ucs2 ? MsgFmt.Ucs2 : (byte?)null;
            return CmppSplitter.Split(sms.Text, (byte)Interlocked.Increment(ref _reference), format);
        }, (link, part) => SendPartAsync(link, sms, part, cancellationToken));

    /// <summary>
    /// One CMPP_SUBMIT. Result 8 (flow control) was already retried by the client, slowing the link; when it still
    /// comes back, the message is refused for now (transient), so another channel or a later try may take it.
    /// </summary>
    private async Task<PartAnswer> SendPartAsync(CmppLink link, OutboundSms sms, CmppSegment part, CancellationToken cancellationToken)
    {
        var submit = Submit(sms);
        part.ApplyTo(submit);
        SubmitResp response;
        try
        {
            response = await link.Client.SubmitAsync(submit, cancellationToken);
        }
        catch (ArgumentException e)
        {
            return new PartAnswer.Invalid(e.Message);
        }
        catch (CmppNotSentException e)
        {
            return new PartAnswer.NotSent(e.Message);
        }
        catch (CmppUnknownOutcomeException e)
        {
            return new PartAnswer.NoAnswer(e.Message);
        }
        // The formatted Msg_Id is what the status report's Msg_Id is read back as, so the two always match.
        return response.Result == SubmitResult.Ok
            ? new PartAnswer.Taken(new MsgId(response.MsgId).ToString())
            : new PartAnswer.Refused(ErrorCode(response.Result), $"Result {response.Result} ({SubmitResult.Name(response.Result)})",
                SubmitResult.IsTransient(response.Result));
    }

    private Submit Submit(OutboundSms sms) => new()
    {
        RegisteredDelivery = 1, // a status report for the final outcome, success or failure
        ServiceId = Options.ServiceId,
        FeeUserType = Options.FeeUserType,
        FeeTerminalId = Options.FeeUserType == 3 ? Options.FeeTerminalId : "",
        FeeType = Options.FeeType,
        FeeCode = Options.FeeCode,
        SrcId = Options.SourceAddress + sms.SourceExtension,
        DestTerminalIds = [Terminal(sms.To)],
    };

    /// <summary>A mainland number as the 11 digits ISMGs expect; any other as its E.164 digits.</summary>
    private static string Terminal(string e164) =>
        e164.StartsWith("+86", StringComparison.Ordinal) ? e164[3..] : e164.TrimStart('+');
}
