namespace SmsVerify.Client;

/// <summary>A test number: its messages land in its inbox and never reach a carrier. With a fixed code, it always gets that code.</summary>
public sealed record SandboxNumber(string Phone, string? FixedCode, DateTimeOffset CreatedAt);

/// <summary>A message as the test phone shows it, with the code the server read from it.</summary>
public sealed record InboxMessage(Guid Id, string To, string Text, DateTimeOffset ReceivedAt, string? Code);

/// <summary>A reply from a phone, filed by the signature it answered.</summary>
public sealed record InboundMessage(Guid Id, string From, string To, string Text, Guid? SignatureId, bool OptedOut, string Channel, DateTimeOffset ReceivedAt);

/// <summary>A number that opted out of a signature's marketing.</summary>
public sealed record OptOut(Guid SignatureId, string Phone, DateTimeOffset CreatedAt);

internal sealed record RegisterNumberBody(string Phone, string? FixedCode);

internal sealed record ReplyBody(string Text);
