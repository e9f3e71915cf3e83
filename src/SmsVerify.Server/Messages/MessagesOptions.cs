using System.ComponentModel.DataAnnotations;

namespace SmsVerify.Server.Messages;

/// <summary>How long the message log and the inbox keep what they record (section <c>Messages</c>).</summary>
public sealed class MessagesOptions
{
    /// <summary>
    /// Days a message stays in the log after it was accepted; an hourly job deletes older ones that have left the
    /// queue (with their parts). China's rules for SMS services ask for at least five months of records: 180 days.
    /// </summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 180;

    /// <summary>Days a reply (MO) stays in the inbox; opt-outs it made are kept, they are not part of the log.</summary>
    [Range(1, 3650)]
    public int InboundRetentionDays { get; set; } = 180;
}
