using SmsVerify.Server.Policy;
using SmsVerify.Server.Review;
using SmsVerify.Server.Templates.Rules.Reading;
using static SmsVerify.Server.Signatures.Rules.SignatureFindingCodes;

namespace SmsVerify.Server.Signatures.Rules;

/// <summary>The outcome of a signature review.</summary>
public sealed record SignatureReview(IReadOnlyList<Finding> Findings)
{
    public bool Rejected => Findings.Any(f => f.Severity == Finding.Error);

    public bool NeedsHumanReview => !Rejected && Findings.Count > 0;

    public bool Clean => Findings.Count == 0;
}

/// <summary>
/// Reviews a signature: the name itself (length, characters, generic or test words, script), then its proof
/// (the "blood relationship" between the name and the tenant: company name, own application, trademark or a
/// third party's authorisation), under the signature profile of the policy.
/// </summary>
public sealed partial class SignatureRules(PlatformPolicy policy)
{
    public const int MinLength = 2;
    public const int MaxLength = 12;
    private const string NameField = "name";

    private readonly HashSet<char> _traditional = [.. policy.Content.TraditionalCharacters.Union(HanVariants.Traditional()).Select(c => c[0])];

    public PlatformPolicy Policy { get; } = policy;

    public SignatureReview Review(SignatureDraft draft, SignatureContext context)
    {
        var name = draft.Name ?? "";
        List<Finding> findings = [];
        CheckName(name, findings);
        CheckSource(draft, name, context, findings);
        return new SignatureReview(findings);
    }

    private void CheckName(string name, List<Finding> findings)
    {
        if (name.Length is < MinLength or > MaxLength)
        {
            findings.Add(Finding.Reject(Length, NameField, $"\"{name}\" has {name.Length} characters; a signature has {MinLength}–{MaxLength}."));
        }
        var bracket = name.AsSpan().IndexOfAny("【】()（）[]［］{}<>《》〔〕");
        if (bracket >= 0)
        {
            findings.Add(Finding.Reject(Brackets, NameField,
                $"Remove \"{name[bracket]}\": the platform puts the signature in 【】 itself, and brackets may not be part of the name.", new TextSpan(bracket, 1)));
        }
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!IsChinese(c) && !char.IsAsciiLetterOrDigit(c) && !"【】()（）[]［］{}<>《》〔〕".Contains(c))
            {
                findings.Add(Finding.Reject(Characters, NameField,
                    $"\"{(c == ' ' ? "a space" : c.ToString())}\" may not appear in a signature: only Chinese characters, letters and digits.", new TextSpan(i, 1)));
                break;
            }
        }
        foreach (var word in Policy.Signatures.TestWords)
        {
            var at = name.IndexOf(word, StringComparison.OrdinalIgnoreCase);
            // An English test word counts as a word of its own: "微信TEST" or "Test1" are test names, "Latest资讯" and
            // the brand "Testin云测" are not.
            while (at >= 0 && !WholeWord(name, at, word.Length))
            {
                at = name.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase);
            }
            if (at >= 0)
            {
                findings.Add(Finding.Reject(TestWord, NameField, $"\"{name.Substring(at, word.Length)}\" marks a test signature; use the real name.",
                    new TextSpan(at, word.Length)));
            }
        }
        foreach (var neutral in Policy.Signatures.NeutralNames)
        {
            if (string.Equals(name.Trim(), neutral, StringComparison.OrdinalIgnoreCase))
            {
                findings.Add(Finding.Reject(Neutral, NameField, $"\"{name}\" is a generic name that does not say who sends; use your company, brand or app name."));
            }
        }
        for (var i = 0; i < name.Length; i++)
        {
            if (_traditional.Contains(name[i]))
            {
                findings.Add(Finding.Reject(Traditional, NameField, $"\"{name[i]}\" is Traditional Chinese; write the signature in Simplified Chinese.",
                    new TextSpan(i, 1)));
                break;
            }
        }
        if (name.Length > 0 && name.All(char.IsAsciiLetter))
        {
            findings.Add(Finding.Flag(EnglishOnly, NameField, $"\"{name}\" is English only; carriers often block such signatures, so a reviewer decides."));
        }
    }

    private static bool WholeWord(string name, int at, int length) =>
        !(char.IsAsciiLetter(name[at]) && at > 0 && char.IsAsciiLetter(name[at - 1]))
        && !(char.IsAsciiLetter(name[at + length - 1]) && at + length < name.Length && char.IsAsciiLetter(name[at + length]));

    internal static bool IsChinese(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';
}
