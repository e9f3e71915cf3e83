namespace SmsVerify.Server.Policy;

/// <summary>
/// When content violations stop a sender (<c>breakers</c> in the policy file): a template's breaker opens after
/// <paramref name="Template"/> violations with it within <paramref name="WindowSeconds"/>, its signature's after
/// <paramref name="Signature"/> across its templates, the whole tenant's after <paramref name="Tenant"/>.
/// </summary>
public sealed record BreakersPolicy(int WindowSeconds, int Template, int Signature, int Tenant)
{
    public const int MaxWindowSeconds = 31 * 86400;

    internal IEnumerable<string> Problems()
    {
        if (WindowSeconds is < 1 or > MaxWindowSeconds)
        {
            yield return $"breakers.windowSeconds is 1 to {MaxWindowSeconds}.";
        }
        if (Template < 1 || Signature < Template || Tenant < Signature)
        {
            yield return "breakers needs 1 <= template <= signature <= tenant: a wider scope trips after more violations.";
        }
    }
}
