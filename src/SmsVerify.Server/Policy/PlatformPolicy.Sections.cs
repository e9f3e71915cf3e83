using SmsVerify.Server.Signatures.Rules;

namespace SmsVerify.Server.Policy;

// Checks of the template and signature sections: every list a rule matches against must be non-empty, without
// blank entries or duplicates, because an empty list silently switches its rule off.
public sealed partial record PlatformPolicy
{
    private static IEnumerable<string> SectionProblems(PlatformPolicy policy)
    {
        List<string> problems = [];
        if (policy.Limits is not { VerificationPerNumber: { Count: > 0 } windows } limits)
        {
            problems.Add("limits.verificationPerNumber is missing or empty.");
        }
        else if (windows.Any(w => !int.TryParse(w.Key, out var seconds) || seconds is <= 0 or > 31 * 86400 || w.Value < 0)
            || limits.ResendCooldownSeconds is < 1 or > 3600 || limits.MaxCheckAttempts is < 1 or > 100)
        {
            problems.Add("limits: verificationPerNumber maps window seconds (1 to 2678400) to a count of 0 or more; resendCooldownSeconds is 1–3600; maxCheckAttempts is 1–100.");
        }
        else if (limits.PlatformPerNumber is not { } platform || !SmsVerify.Server.Limits.RateWindow.AreValid(platform)
            || limits.FailedChecks is not { Max: >= 1 and <= 1000, WindowSeconds: >= 60 and <= 31 * 86400 }
            || limits.Risk is not { WindowSeconds: >= 1 and <= 86400, PerEndUserIp: >= 0, PerNumberBlock: >= 0 })
        {
            problems.Add("limits: platformPerNumber maps window seconds (1 to 2678400) to a count of 0 or more; failedChecks needs max 1–1000 and windowSeconds 60–2678400; risk needs windowSeconds 1–86400 and perEndUserIp, perNumberBlock of 0 or more.");
        }
        problems.AddRange(PumpingPolicy.Problems(policy.Pumping));
        problems.AddRange(policy.Breakers?.Problems() ?? ["The breakers section is missing."]);
        if (policy.Content is not { } content)
        {
            problems.Add("The content section is missing.");
        }
        else
        {
            CheckList(problems, "content.specialSymbols", content.SpecialSymbols);
            CheckList(problems, "content.traditionalCharacters", content.TraditionalCharacters);
            if (content.TraditionalCharacters is { } traditional && traditional.Any(c => c is { Length: not 1 }))
            {
                problems.Add("content.traditionalCharacters must list single characters.");
            }
            CheckList(problems, "content.marketingWords", content.MarketingWords);
            CheckList(problems, "content.advertisingLawTerms", content.AdvertisingLawTerms);
            CheckList(problems, "content.personalForbiddenWords", content.PersonalForbiddenWords);
            CheckList(problems, "content.optOutPhrases", content.OptOutPhrases);
            CheckList(problems, "content.verificationKeywordsZh", content.VerificationKeywordsZh);
            CheckList(problems, "content.verificationKeywordsEn", content.VerificationKeywordsEn);
            CheckList(problems, "content.purposeWords", content.PurposeWords);
            CheckList(problems, "content.expiryWords", content.ExpiryWords);
            if (string.IsNullOrWhiteSpace(content.MarketingSuffix))
            {
                problems.Add("content.marketingSuffix is required (the opt-out text marketing templates end with, such as 拒收请回复R).");
            }
            if (content.VerificationCodeLength is not { Min: >= 1 } length || length.Max < length.Min || length.Max > 10)
            {
                problems.Add("content.verificationCodeLength needs 1 <= min <= max <= 10.");
            }
        }
        if (policy.Signatures is not { } signatures)
        {
            problems.Add("The signatures section is missing.");
        }
        else
        {
            CheckList(problems, "signatures.neutralNames", signatures.NeutralNames);
            CheckList(problems, "signatures.testWords", signatures.TestWords);
        }
        if (policy.SignatureSources is not { } sources)
        {
            problems.Add("The signatureSources section is missing.");
        }
        else
        {
            if (string.IsNullOrWhiteSpace(sources.Profile))
            {
                problems.Add("signatureSources.profile needs a name, such as standard or strict.");
            }
            CheckList(problems, "signatureSources.accepted", sources.Accepted);
            foreach (var name in sources.Accepted ?? [])
            {
                if (!string.IsNullOrWhiteSpace(name) && (!name.All(char.IsAsciiLetter) || !Enum.TryParse<SignatureSource>(name, ignoreCase: true, out _)))
                {
                    problems.Add($"signatureSources.accepted has '{name}', which is not one of company, trademark, app, website, miniprogram, authorization.");
                }
            }
        }
        return problems;
    }

    private static void CheckList(List<string> problems, string name, IReadOnlyList<string>? list)
    {
        if (list is not { Count: > 0 })
        {
            problems.Add($"{name} is empty: an empty list switches its rule off.");
            return;
        }
        if (list.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add($"{name} has a blank entry.");
        }
        foreach (var duplicate in list.Where(e => !string.IsNullOrWhiteSpace(e)).GroupBy(e => e.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"{name} lists '{duplicate.Key}' {duplicate.Count()} times.");
        }
    }
}
