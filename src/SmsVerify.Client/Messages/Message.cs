namespace SmsVerify.Client;

/// <summary>One text, signed and templated, to up to 1000 numbers (the same number twice is one message).</summary>
public sealed record SendMessagesRequest(IReadOnlyList<string> To, string Signature, string Template)
{
    public IReadOnlyDictionary<string, string>? Params { get; init; }
}

/// <summary>What a send stored: one message per distinct recipient, and what it cost, in yuan.</summary>
public sealed record SendResult(IReadOnlyList<SentMessage> Messages, decimal Cost);

public sealed record SentMessage(Guid Id, string To, int Segments, string Status, string? ErrorCode);

/// <summary>A message as the log keeps it: the text with any code masked, the cost in yuan.</summary>
public sealed record Message(
    Guid Id,
    string To,
    string Signature,
    string Template,
    string Status,
    int Segments,
    decimal Cost,
    string? Channel,
    string? ErrorCode,
    bool OutcomeUnknown,
    Guid? VerificationId,
    string Text,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? DoneAt);

/// <summary>The values of a message's status; a newer server may add others.</summary>
public static class MessageStatus
{
    public const string Queued = "queued";
    public const string Submitted = "submitted";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string Expired = "expired";
}

/// <summary>
/// Which messages to list, newest first; every part optional. <see cref="Before"/> is a message id to page back from,
/// <see cref="Limit"/> 1 to 200 (the server's default is 50).
/// </summary>
public sealed record MessageQuery
{
    public string? To { get; init; }

    public string? Status { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? Until { get; init; }

    public Guid? Before { get; init; }

    public int? Limit { get; init; }
}
