namespace SmsVerify.Server.Messages;

public sealed record SendMessagesRequest(List<string>? To, string? Signature, string? Template, Dictionary<string, string>? Params);

/// <summary>One recipient's message: <c>queued</c> (or <c>delivered</c> for a test number), or refused with its reason.</summary>
public sealed record SentMessage(Guid Id, string To, int Segments, MessageStatus Status, string? ErrorCode);

/// <summary>The answer to a send: one message per distinct recipient, and what was charged, in yuan.</summary>
public sealed record SendResult(List<SentMessage> Messages, decimal Cost);
