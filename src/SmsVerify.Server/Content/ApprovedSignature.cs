using SmsVerify.Server.Signatures.Rules;

namespace SmsVerify.Server.Content;

/// <summary>An approved signature of a tenant, as sends use it: its name in 【】, purpose and source-number extension.</summary>
public sealed record ApprovedSignature(Guid Id, string Name, SignaturePurpose Purpose, string? Extension);
