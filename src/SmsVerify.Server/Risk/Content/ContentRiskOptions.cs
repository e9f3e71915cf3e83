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

    /// <summary>
    /// How sure a marketing or spam verdict must be to refuse a send by itself (where the template's own text does
    /// not already get it). Higher than the flagging thresholds: a short value moves the verdict of a whole message
    /// only a little, and a wrongly refused send also counts against the sender's breakers. The policy rules on the
    /// values do the precise work; this catches what they miss only when the model is confident.
    /// </summary>
    [Range(0.0, 1.0)]
    public double SendThreshold { get; set; } = 0.8;

    /// <summary>Whether a banned industry's term (from the policy file) makes the verdict spam whatever the model says.</summary>
    public bool BannedIndustryIsSpam { get; set; } = true;
}
