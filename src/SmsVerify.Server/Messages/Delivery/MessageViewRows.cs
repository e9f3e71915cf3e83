using System.Data.Common;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// A message's view as a statement's <c>RETURNING</c> gives it, so that a <c>message.status</c> event needs no read
/// of the row after the write that changed it. The columns come in <see cref="Columns"/>'s order.
/// </summary>
internal static class MessageViewRows
{
    public const string Columns = """
        "Id", "TenantId", "To", "Signature", "Template", "Status", "Segments", "Cost", "Channel", "ErrorCode", "OutcomeUnknown", "VerificationId",
        "MaskedText", "CreatedAt", "SubmittedAt", "DoneAt"
        """;

    /// <summary>How many <see cref="Columns"/> names, so a statement can return more after them.</summary>
    public static readonly int ColumnCount = Columns.Count(c => c == ',') + 1;

    public static (Guid TenantId, MessageView View) Read(DbDataReader row)
    {
        var message = new MessageRecord
        {
            Id = row.GetGuid(0),
            TenantId = row.GetGuid(1),
            To = row.GetString(2),
            Signature = row.GetString(3),
            Template = row.GetString(4),
            Status = Enum.Parse<MessageStatus>(row.GetString(5)),
            Segments = row.GetInt32(6),
            Cost = row.GetInt64(7),
            Channel = row.IsDBNull(8) ? null : row.GetString(8),
            ErrorCode = row.IsDBNull(9) ? null : row.GetString(9),
            OutcomeUnknown = row.GetBoolean(10),
            VerificationId = row.IsDBNull(11) ? null : row.GetGuid(11),
            MaskedText = row.GetString(12),
            CreatedAt = Utc(row.GetDateTime(13)),
            SubmittedAt = row.IsDBNull(14) ? null : Utc(row.GetDateTime(14)),
            DoneAt = row.IsDBNull(15) ? null : Utc(row.GetDateTime(15)),
        };
        return (message.TenantId, MessageView.From(message));
    }

    // Every time is UTC (see AppDbContext.ConfigureConventions); SQLite hands them back without a kind.
    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
