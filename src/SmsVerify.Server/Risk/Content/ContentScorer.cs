using System.Globalization;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Policy;

namespace SmsVerify.Server.Risk.Content;

/// <summary>
/// Scores a message's content: the trained classifier (<see cref="ContentModel"/>) says legitimate, marketing or
/// spam and how sure it is, and the policy's rules add their reasons. Synchronous, no I/O, thread-safe: the send
/// path calls it for every message, and <c>POST /v1/risk/score</c> lets a risk officer try any text.
/// </summary>
public sealed class ContentScorer
{
    private readonly ContentModel _model;
    private readonly ContentRules _rules;
    private readonly ContentRiskOptions _options;

    public ContentScorer(ContentModel model, PlatformPolicy policy, IOptions<ContentRiskOptions> options)
    {
        _model = model;
        _rules = new ContentRules(policy);
        _options = options.Value;
    }

    public ContentVerdict Score(string text)
    {
        var (label, score, flag) = Classify(text);
        List<ContentReason>? reasons = null;
        if (flag is not null)
        {
            (reasons ??= []).Add(new ContentReason(flag, label == ContentLabel.Marketing
                ? $"The classifier takes this for marketing ({Percent(score)} sure)."
                : $"The classifier takes this for spam or fraud ({Percent(score)} sure)."));
        }
        if (_rules.Check(text, ref reasons) && _options.BannedIndustryIsSpam)
        {
            (label, score) = (ContentLabel.Spam, 1.0);
        }
        return new ContentVerdict(label, score, reasons ?? (IReadOnlyList<ContentReason>)[]);
    }

    /// <summary>
    /// The classifier alone: its label, its probability, and the reason code it raises (<c>classifier_marketing</c>
    /// or <c>classifier_spam</c>), null below the thresholds or for a legitimate verdict. Allocates nothing.
    /// </summary>
    public ClassifierVerdict Classify(ReadOnlySpan<char> text)
    {
        Span<float> probabilities = stackalloc float[_model.Classes];
        _model.Predict(text, probabilities);
        var best = 0;
        for (var c = 1; c < probabilities.Length; c++)
        {
            best = probabilities[c] > probabilities[best] ? c : best;
        }
        var label = (ContentLabel)best;
        double score = probabilities[best];
        var flag = label switch
        {
            ContentLabel.Marketing when score >= _options.MarketingThreshold => ContentReasonCodes.ClassifierMarketing,
            ContentLabel.Spam when score >= _options.SpamThreshold => ContentReasonCodes.ClassifierSpam,
            _ => null,
        };
        return new ClassifierVerdict(label, score, flag);
    }

    /// <summary>The policy rules alone (banned industries, marketing wording, links, contact numbers); true when a banned industry matched.</summary>
    public bool CheckRules(string text, ref List<ContentReason>? reasons) => _rules.Check(text, ref reasons);

    private static string Percent(double score) => score.ToString("P0", CultureInfo.InvariantCulture);
}
