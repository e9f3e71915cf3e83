using System.ComponentModel.DataAnnotations;

namespace SmsVerify.Server.Risk.Content;

/// <summary>Thresholds of the content scorer (<c>Risk:Content</c>).</summary>
public sealed class ContentRiskOptions
{
    /// <summary>
    /// A marketing verdict at least this sure adds the <c>classifier_marketing</c> reason (the reason the send path
    /// acts on); below it the label is still reported but nothing is flagged.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MarketingThreshold { get; set; } = 0.6;

    /// <summary>The same for spam and fraud (<c>classifier_spam</c>). Lower: a missed scam costs more than a held notice.</summary>
    [Range(0.0, 1.0)]
    public double SpamThreshold { get; set; } = 0.5;

    /// <summary>Whether a banned industry's term (from the policy file) makes the verdict spam whatever the model says.</summary>
    public bool BannedIndustryIsSpam { get; set; } = true;
}
