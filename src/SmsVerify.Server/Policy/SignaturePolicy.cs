using SmsVerify.Server.Signatures.Rules;

namespace SmsVerify.Server.Policy;

/// <summary>Names a signature may not be: generic words that say nothing about the sender, and test names.</summary>
public sealed record SignaturePolicy(IReadOnlyList<string> NeutralNames, IReadOnlyList<string> TestWords);

/// <summary>
/// The proofs of a signature the platform accepts, under a named profile. <c>standard</c> accepts all six;
/// <c>strict</c> follows current carrier practice (Alibaba: company names, launched apps and registered trademarks
/// only) and drops websites, mini-programs and third-party authorisations.
/// </summary>
/// <remarks>
/// Under <c>strict</c> a personal tenant has no source left: it may only sign with its own ICP-filed website,
/// which <c>strict</c> does not accept. That is the carriers' position today, so the strict profile is opt-in and
/// the default stays <c>standard</c>.
/// </remarks>
public sealed record SignatureSourcePolicy(string Profile, IReadOnlyList<string> Accepted)
{
    public static readonly SignatureSourcePolicy Standard = new("standard", ["company", "trademark", "app", "website", "miniprogram", "authorization"]);

    public static readonly SignatureSourcePolicy Strict = new("strict", ["company", "trademark", "app"]);

    public bool Accepts(SignatureSource source)
    {
        var name = Name(source);
        foreach (var accepted in Accepted)
        {
            if (string.Equals(accepted, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    public static string Name(SignatureSource source) => source.ToString().ToLowerInvariant();
}
