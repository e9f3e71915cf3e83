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
        Span<float> probabilities = stackalloc float[_model.Classes];
        _model.Predict(text, probabilities);
        var best = 0;
        for (var c = 1; c < probabilities.Length; c++)
        {
            best = probabilities[c] > probabilities[best] ? c : best;
        }
        var label = (ContentLabel)best;
        double score = probabilities[best];
        List<ContentReason>? reasons = null;
        if (label == ContentLabel.Marketing && score >= _options.MarketingThreshold)
        {
            (reasons ??= []).Add(new ContentReason(ContentReasonCodes.ClassifierMarketing, $"The classifier takes this for marketing ({Percent(score)} sure)."));
        }
        else if (label == ContentLabel.Spam && score >= _options.SpamThreshold)
        {
            (reasons ??= []).Add(new ContentReason(ContentReasonCodes.ClassifierSpam, $"The classifier takes this for spam or fraud ({Percent(score)} sure)."));
        }
        if (_rules.Check(text, ref reasons) && _options.BannedIndustryIsSpam)
        {
            (label, score) = (ContentLabel.Spam, 1.0);
        }
        return new ContentVerdict(label, score, reasons ?? (IReadOnlyList<ContentReason>)[]);
    }

    private static string Percent(double score) => score.ToString("P0", CultureInfo.InvariantCulture);
}
