using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Risk.Content;

/// <summary>
/// A risk officer trying any text against the scorer the send path uses (<c>POST /v1/risk/score</c> and the console's
/// score box): the text bounded, then scored.
/// </summary>
public sealed class TextScoring(ContentScorer scorer)
{
    public const int MaxTextLength = 1000;

    public Outcome<ContentVerdict> Score(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ProblemTypes.Invalid("text", "text is required: the message to score.");
        }
        if (text.Length > MaxTextLength)
        {
            return ProblemTypes.Invalid("text", $"text has {text.Length} characters; at most {MaxTextLength} are scored.");
        }
        return scorer.Score(text);
    }
}
