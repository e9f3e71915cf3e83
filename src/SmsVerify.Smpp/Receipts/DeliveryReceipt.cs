using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Receipts;

/// <summary>
/// A delivery receipt read from a deliver_sm: the text format of SMPP v3.4 Appendix B
/// (<c>id:… sub:… dlvrd:… submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DELIVRD err:… text:…</c>) and the
/// receipted_message_id / message_state / network_error_code TLVs (§5.3.2.12, §5.3.2.35, §5.3.2.31), which win
/// over the text when both are present. Dates are as the SMSC wrote them, without a time zone.
/// </summary>
public sealed partial record DeliveryReceipt(
    string MessageId, MessageState State, string? ErrorCode, int? Submitted, int? Delivered, DateTime? SubmitDate,
    DateTime? DoneDate, string? Text, NetworkErrorCode? NetworkError)
{
    /// <summary>
    /// Reads the receipt in <paramref name="pdu"/>; false when it carries no message id at all. Text is read as
    /// Latin-1 (receipts are ASCII in practice), or UCS-2 when data_coding says so.
    /// </summary>
    public static bool TryParse(DeliverSm pdu, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DeliveryReceipt? receipt)
    {
        var payload = pdu.Payload.Span;
        var text = pdu.DataCoding == SmsVerify.Smpp.Text.DataCoding.Ucs2 ? Encoding.BigEndianUnicode.GetString(payload) : Encoding.Latin1.GetString(payload);
        TryParse(text, out var fromText);
        var tlvs = pdu.Tlvs;
        var id = tlvs?.ReceiptedMessageId ?? fromText?.MessageId;
        if (string.IsNullOrEmpty(id))
        {
            receipt = null;
            return false;
        }
        receipt = (fromText ?? new DeliveryReceipt(id, MessageState.Unknown, null, null, null, null, null, null, null)) with
        {
            MessageId = id,
            State = tlvs?.MessageState ?? fromText?.State ?? MessageState.Unknown,
            NetworkError = tlvs?.NetworkErrorCode,
        };
        return true;
    }

    /// <summary>Parses the Appendix B text. Tolerant: any case, fields missing or reordered, 10- or 12-digit dates.</summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DeliveryReceipt? receipt)
    {
        receipt = null;
        string? id = null, sub = null, dlvrd = null, submit = null, done = null, stat = null, err = null, body = null;
        var matches = FieldName().Matches(text);
        for (var i = 0; i < matches.Count; i++)
        {
            var m = matches[i];
            var end = i + 1 < matches.Count ? matches[i + 1].Index : text.Length;
            var key = m.Groups[1].Value.ToLowerInvariant();
            var value = text[(m.Index + m.Length)..end].Trim();
            if (key == "text")
            {
                // text: runs to the end, even if it happens to contain something that looks like a field name.
                body = text[(m.Index + m.Length)..];
                break;
            }
            switch (key)
            {
                case "id": id = value; break;
                case "sub": sub = value; break;
                case "dlvrd": dlvrd = value; break;
                case "stat": stat = value; break;
                case "err": err = value; break;
                default:
                    if (key.StartsWith("submit", StringComparison.Ordinal)) { submit = value; }
                    else { done = value; }
                    break;
            }
        }
        if (string.IsNullOrEmpty(id))
        {
            return false;
        }
        receipt = new DeliveryReceipt(id, ParseState(stat), string.IsNullOrEmpty(err) ? null : err, ParseInt(sub),
            ParseInt(dlvrd), ParseDate(submit), ParseDate(done), body, null);
        return true;
    }

    /// <summary>The 7-character stat values of Appendix B, and a few long spellings SMSCs use.</summary>
    public static MessageState ParseState(string? stat) => stat?.ToUpperInvariant() switch
    {
        "DELIVRD" or "DELIVERED" => MessageState.Delivered,
        "EXPIRED" => MessageState.Expired,
        "DELETED" => MessageState.Deleted,
        "UNDELIV" or "UNDELIVERABLE" => MessageState.Undeliverable,
        "ACCEPTD" or "ACCEPTED" => MessageState.Accepted,
        "REJECTD" or "REJECTED" => MessageState.Rejected,
        "ENROUTE" => MessageState.Enroute,
        _ => MessageState.Unknown,
    };

    private static int? ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static DateTime? ParseDate(string? value)
    {
        string[] formats = ["yyMMddHHmm", "yyMMddHHmmss"];
        return DateTime.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date : null;
    }

    [GeneratedRegex(@"(?<![A-Za-z])(id|sub|dlvrd|submit[ _]date|done[ _]date|stat|err|text)\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FieldName();
}
