using SmsVerify.Server.Policy;
using SmsVerify.Server.Risk.Content;

namespace SmsVerify.ContentModel;

/// <summary>
/// Real-looking transactional messages (codes, bank alerts, deliveries, appointments, travel, bills), written apart
/// from <see cref="OwnMessages"/> and never trained on: tests/SmsVerify.Server.Tests/Risk/legitimate-sms.tsv. The
/// whole scorer (the model just trained and the built-in policy's rules, as <c>POST /v1/risk/score</c> answers)
/// judges each, and the report says how many it calls spam or marketing. The server's tests hold the shipped model
/// to at most 1 % spam on it.
/// </summary>
internal sealed record LegitimateSet(IReadOnlyList<(string Kind, string Text)> Rows)
{
    public static LegitimateSet Read(string path) => new(File.ReadLines(path)
        .Skip(1)
        .Select(line => line.Split('\t', 3))
        .Where(f => f.Length == 3)
        .Select(f => ($"{f[0]} ({f[1]})", f[2]))
        .ToList());

    /// <summary>
    /// Per kind: how many texts, how many the scorer labelled marketing or spam, and how many it refused because a
    /// banned industry's term is in them. Those are the policy's verdict, not a mistake: the default policy bans
    /// lending (贷款) on every template, as Tencent bans all finance content and Alibaba lists 贷款.
    /// </summary>
    public IReadOnlyList<LegitimateKind> Judge(Server.Risk.Content.ContentModel model)
    {
        var scorer = new ContentScorer(model, PlatformPolicy.BuiltIn, Microsoft.Extensions.Options.Options.Create(new ContentRiskOptions()));
        return Rows
            .Select(row => (row.Kind, Verdict: scorer.Score(row.Text)))
            .Select(x => (x.Kind, x.Verdict.Label, Banned: x.Verdict.Reasons.Any(r => r.Code == ContentReasonCodes.BannedIndustry)))
            .GroupBy(x => x.Kind)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new LegitimateKind(g.Key, g.Count(), g.Count(x => x.Label == ContentLabel.Marketing),
                g.Count(x => x.Label == ContentLabel.Spam && !x.Banned), g.Count(x => x.Banned)))
            .ToList();
    }
}

/// <summary>One kind of the legitimate set as the scorer judged it; <see cref="Spam"/> leaves out the banned-industry refusals.</summary>
internal sealed record LegitimateKind(string Kind, int Texts, int Marketing, int Spam, int Banned);
