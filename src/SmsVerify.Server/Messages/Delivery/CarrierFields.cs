using SmsVerify.Server.Channels;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// What a carrier sends, cut to the columns that keep it before it is written. PostgreSQL refuses a value longer
/// than its column (and any NUL) where SQLite stores it; refused, a receipt would be answered with an error and
/// delivered again for ever. Ids are cut the same way on submit and on receipt, so they still match; replies from
/// phones go through <see cref="Bounded"/> too.
/// </summary>
internal static class CarrierFields
{
    /// <summary>SMPP v3.4 §5.2.23 allows 65 octets; some SMSCs send more.</summary>
    public const int MessageIdLength = 65;

    public const int ErrorCodeLength = 64;

    public static string Id(string id) => Bounded(id, MessageIdLength);

    public static IReadOnlyList<string> Ids(IReadOnlyList<string> ids) =>
        ids.All(id => Id(id) == id) ? ids : [.. ids.Select(Id)];

    public static ReceiptEvent Of(ReceiptEvent receipt) =>
        receipt with { CarrierMessageId = Id(receipt.CarrierMessageId), ErrorCode = receipt.ErrorCode is { } error ? Bounded(error, ErrorCodeLength) : null };

    /// <summary>Any text from a carrier, cut to <paramref name="length"/> characters and rid of NUL, as PostgreSQL takes it.</summary>
    public static string Bounded(string value, int length)
    {
        if (value.Length <= length && !value.Contains('\0', StringComparison.Ordinal))
        {
            return value;
        }
        value = value.Replace("\0", "", StringComparison.Ordinal);
        if (value.Length <= length)
        {
            return value;
        }
        // Never half a surrogate pair: PostgreSQL would refuse the text as invalid UTF-8.
        return value[..(char.IsHighSurrogate(value[length - 1]) ? length - 1 : length)];
    }
}
