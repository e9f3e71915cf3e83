namespace SmsVerify.Server.RealPerson;

/// <summary>An auditor compares the selfie or video with the ID card and decides in the review queue.</summary>
internal sealed class ManualRealPersonProvider : IRealPersonProvider
{
    public const string ProviderName = "manual";

    public string Name => ProviderName;

    public bool IsAvailableTo(Tenants.Tenant tenant) => true;

    public Task<RealPersonResult> VerifyAsync(RealPersonRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(RealPersonResult.Pending);
}
