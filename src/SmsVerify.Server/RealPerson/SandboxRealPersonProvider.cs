using Microsoft.Extensions.Options;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.RealPerson;

/// <summary>
/// Answers at once, so a developer can run the whole review flow in tests: passed under the declared name unless
/// the request's options say otherwise (<c>sandboxOutcome=fail</c>, or <c>sandboxVerifiedName</c> to simulate a
/// registry that knows the person by another name). Only for sandbox tenants, and only where the operator enabled it.
/// </summary>
internal sealed class SandboxRealPersonProvider(IOptions<RealPersonOptions> options) : IRealPersonProvider
{
    public const string ProviderName = "sandbox";
    public const string OutcomeOption = "sandboxOutcome";
    public const string VerifiedNameOption = "sandboxVerifiedName";

    public string Name => ProviderName;

    public bool IsAvailableTo(Tenant tenant) => options.Value.AllowSandbox && tenant.Mode == TenantMode.Sandbox;

    public Task<RealPersonResult> VerifyAsync(RealPersonRequest request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(OutcomeOption, out var outcome) && outcome == "fail")
        {
            return Task.FromResult(new RealPersonResult(RealPersonVerdict.Failed, Reason: "The sandbox was asked to fail this check."));
        }
        var name = request.Options.GetValueOrDefault(VerifiedNameOption) ?? request.DeclaredName;
        return Task.FromResult(new RealPersonResult(RealPersonVerdict.Passed, name));
    }
}
