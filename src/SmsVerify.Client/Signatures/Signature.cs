namespace SmsVerify.Client;

/// <summary>
/// A signature (the name in 【】) to submit or pre-check. <see cref="Source"/> is what proves it: <c>company</c>,
/// <c>trademark</c>, <c>app</c>, <c>website</c>, <c>miniprogram</c> or <c>authorization</c>; <see cref="Purpose"/> is
/// <c>verification</c> or <c>general</c> (the server's default). The documents a source needs go along as files.
/// </summary>
public sealed record SignatureRequest(string Name, string Source)
{
    public string? Purpose { get; init; }

    public Guid? ApplicationId { get; init; }

    public string? TrademarkNumber { get; init; }

    public SignatureDocument? TrademarkCertificate { get; init; }

    public SignatureDocument? PowerOfAttorney { get; init; }

    public SignatureDocument? ThirdPartyQualification { get; init; }
}

/// <summary>A document as uploaded: JPEG, PNG or PDF, judged by its content.</summary>
public sealed record SignatureDocument(string FileName, ReadOnlyMemory<byte> Content);

/// <summary>What the rules found; nothing was saved.</summary>
public sealed record SignaturePrecheck(IReadOnlyList<Finding> Findings);

public sealed record Signature(
    Guid Id,
    int Version,
    string Name,
    string Source,
    string Purpose,
    Guid QualificationId,
    Guid? ApplicationId,
    string? TrademarkNumber,
    string Extension,
    string Status,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<DocumentRef> Documents,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? DecidedAt,
    string? DecisionNote);

/// <summary>A stored document: the form field it came in, its type as judged by content, its size and SHA-256.</summary>
public sealed record DocumentRef(string Field, Guid Id, string Type, long Size, string Sha256);
