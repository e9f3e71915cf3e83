namespace SmsVerify.Server.RealPerson;

public enum RealPersonVerdict { Pending, Passed, Failed }

/// <summary>
/// What a provider is asked: is the person in <paramref name="Media"/> the holder of <paramref name="IdNumber"/>,
/// and under which name does the registry know them? <paramref name="Options"/> carries provider-specific
/// settings from the request (a liveness mode, or the sandbox's simulated answer).
/// </summary>
public sealed record RealPersonRequest(
    Guid CheckId, Guid TenantId, RealPersonRole Role, string DeclaredName, string IdNumber, ReadOnlyMemory<byte> Media,
    string MediaContentType, IReadOnlyDictionary<string, string> Options);

/// <summary>The answer: passed with the name found, failed with a reason, or pending a human.</summary>
public sealed record RealPersonResult(RealPersonVerdict Verdict, string? VerifiedName = null, string? Reason = null)
{
    public static readonly RealPersonResult Pending = new(RealPersonVerdict.Pending);
}

/// <summary>
/// A real-person (face) verification service. Two ship here: <c>manual</c>, which queues the check for an auditor,
/// and <c>sandbox</c>, which answers at once for tenants still in the sandbox. A cloud face-verification service
/// plugs in as a third implementation: it sends the media, name and ID number to the vendor and maps the vendor's
/// answer (passed, the registry's name, or the failure reason) to a <see cref="RealPersonResult"/>.
/// </summary>
public interface IRealPersonProvider
{
    /// <summary>The name requests and the configuration use: <c>manual</c>, <c>sandbox</c>, ….</summary>
    string Name { get; }

    /// <summary>May this tenant use the provider? The sandbox answers only for sandbox tenants, when enabled.</summary>
    bool IsAvailableTo(Tenants.Tenant tenant);

    Task<RealPersonResult> VerifyAsync(RealPersonRequest request, CancellationToken cancellationToken);
}
