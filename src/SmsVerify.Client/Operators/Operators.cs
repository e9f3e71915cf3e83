using System.Text.Json;

namespace SmsVerify.Client;

/// <summary>A tenant as operators see it: <see cref="Kind"/> <c>personal</c> or <c>enterprise</c>, <see cref="Mode"/> <c>sandbox</c> or <c>live</c>, balance in yuan.</summary>
public sealed record Tenant(Guid Id, string Name, string Kind, string Mode, DateTimeOffset CreatedAt, decimal Balance, DateTimeOffset? SuspendedAt);

/// <summary>A tenant just made, with its first API key: shown this once.</summary>
public sealed record CreatedTenant(Guid Id, string Name, string Kind, string Mode, DateTimeOffset CreatedAt, string ApiKey);

/// <summary>An operator key's row: never the key, only its first characters.</summary>
public sealed record OperatorKey(Guid Id, string Role, string Prefix, DateTimeOffset CreatedAt);

/// <summary>An operator key just made: <see cref="ApiKey"/> is shown this once.</summary>
public sealed record CreatedOperatorKey(Guid Id, string Role, string Prefix, DateTimeOffset CreatedAt, string ApiKey);

/// <summary>
/// One entry of the review queue: <see cref="Kind"/> (<c>qualification</c>, <c>landing_app</c>, …), its
/// <see cref="Status"/> (see <see cref="ReviewStatus"/>), the decision, and the submission as that kind shows it.
/// </summary>
public sealed record ReviewItem(
    Guid Id, string Kind, Guid TenantId, string Status, DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt, string? DecidedBy,
    string? DecisionNote, JsonElement Submission, IReadOnlyList<ReviewDocument> Documents);

/// <summary>A document of a submission; reading it (<see cref="Href"/>) is audited.</summary>
public sealed record ReviewDocument(string Field, string Type, long Size, string Href);

/// <summary>A carrier channel: its state and binds, counters since the server started, breaker, and what waits for it.</summary>
public sealed record Channel(
    string Name, string Kind, int Priority, IReadOnlyList<string> Carriers, string State, int BindsUp, int BindsTotal,
    long Submitted, long Accepted, long Rejected, long Unknown, long Resent, long Receipts, long UnreadableReceipts, long Inbound,
    double Throughput, string Breaker, string? LastError, DateTimeOffset? LastErrorAt, int Queued, IReadOnlyList<ChannelBind>? Binds);

public sealed record ChannelBind(string Mode, string State);

/// <summary>Queued messages: how many, how many due now, the oldest, and by carrier and by channel.</summary>
public sealed record QueueDepth(
    int Queued, int Due, DateTimeOffset? OldestCreatedAt, IReadOnlyDictionary<string, int> ByCarrier, IReadOnlyDictionary<string, int> ByChannel, int Unroutable);

/// <summary>
/// The audit chain recomputed: valid or not, how many records fit, and where it first breaks. Once records were
/// exported and pruned, it was checked from <see cref="VerifiedFrom"/>, after <see cref="PrunedThrough"/>, whose hash
/// (<see cref="AnchorHash"/>) the first remaining record chains to.
/// </summary>
public sealed record AuditVerification(bool Valid, long Records, long? BrokenAt, string? Reason, long VerifiedFrom = 1, long? PrunedThrough = null, string? AnchorHash = null);

/// <summary>
/// Which audit records to export: <see cref="Actor"/> exact (<c>operator:alice</c>), <see cref="Action"/> a prefix
/// (<c>risk.</c>), <see cref="Target"/> exact (<c>tenant:…</c>), and a time range.
/// </summary>
public sealed record AuditQuery
{
    public string? Target { get; init; }

    public string? Actor { get; init; }

    public string? Action { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }
}

internal sealed record CreateTenantBody(string Name, string Kind);

internal sealed record CreateOperatorKeyBody(string Role);

internal sealed record ApproveBody(string? Note, string? VerifiedName);

internal sealed record RejectBody(string Reason);
