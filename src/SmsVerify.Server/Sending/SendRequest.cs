using SmsVerify.Server.Limits;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Sending;

/// <summary>
/// One send, as every door (the native API, the vendor-compatible APIs, the SMPP listener, the console) hands it to
/// <see cref="SendPipeline"/>: the numbers as the caller wrote them, the signature and template it names, and the
/// values for the template's variables.
/// </summary>
internal sealed record SendRequest(
    Guid TenantId, TenantMode Mode, IReadOnlyList<string?> To, string? Signature, string? Template, IReadOnlyDictionary<string, string>? Values)
{
    /// <summary>Set for a verification code: the server fills the code variable and the verification rides along.</summary>
    public CodeSend? Code { get; init; }

    /// <summary>The caller's own reference, kept on every message of the send (see <see cref="MessageRecord.ClientReference"/>).</summary>
    public string? ClientReference { get; init; }

    /// <summary>
    /// For a verification code: an Android app's SMS Retriever hash, written on a line of its own at the end of the text
    /// (before a WebOTP line, which stays last). Sent only if registered on one of the tenant's approved apps.
    /// </summary>
    public string? AppHash { get; init; }

    /// <summary>Who asked, for a verification code: rate-limit bucket values, address, captcha. Null for a tenant's own message.</summary>
    public EndUser? EndUser { get; init; }

    /// <summary>
    /// The id the message gets, for a door that told its client the id before the send (the SMPP listener answers
    /// the first parts of a long message with it). Only for a send to one recipient.
    /// </summary>
    public Guid? MessageId { get; init; }

    /// <summary>
    /// A row of the door's own to store with each message that is stored, in the same commit (the SMPP listener's
    /// receipt owed to the gateway): it exists exactly when the message does. Null for none.
    /// </summary>
    public Func<MessageRecord, object?>? Companion { get; init; }

    /// <summary>Who the audit record names, where it is not the request's key (the SMPP listener's <c>smpp:{system_id}</c>).</summary>
    public string? Actor { get; init; }
}

/// <summary>One recipient's message: <c>queued</c> (or <c>delivered</c> for a test number), or refused with its reason.</summary>
public sealed record SentMessage(Guid Id, string To, int Segments, MessageStatus Status, string? ErrorCode);

/// <summary>What a send stored: one message per distinct recipient, and what was charged, in yuan.</summary>
public sealed record SendResult(List<SentMessage> Messages, decimal Cost);
