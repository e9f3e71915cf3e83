using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SmsVerify.Server.Risk.Content;

namespace SmsVerify.Server.WebConsole.Pages.Risk;

/// <summary>
/// Any text against the content scorer the send path uses, as <c>POST /v1/risk/score</c> scores it: the label, the
/// score, and each reason with its span marked in the text. Scoring changes nothing, so it is not audited.
/// </summary>
public sealed class RiskScoreModel(TextScoring scoring, IStringLocalizer<ConsoleText> words) : PageModel
{
    public string? Text { get; private set; }

    public ContentVerdict? Verdict { get; private set; }

    public string? Message { get; private set; }

    public void OnGet()
    {
    }

    public void OnPostScore(string? text)
    {
        Text = text;
        if (string.IsNullOrWhiteSpace(text))
        {
            Message = words["Type a text to score."];
        }
        else if (text.Length > TextScoring.MaxTextLength)
        {
            Message = words["The text has {0} characters; at most {1} are scored.", text.Length, TextScoring.MaxTextLength];
        }
        else
        {
            Verdict = scoring.Score(text).Value;
        }
        if (Message is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    /// <summary>The text cut into pieces, each with the reasons that mark it (null for plain text); overlapping spans are merged.</summary>
    public IEnumerable<(string Piece, string? Reasons)> Pieces()
    {
        var text = Text ?? "";
        var spans = Verdict!.Reasons.Where(r => r.Span is { } s && s.Length > 0 && s.Start >= 0 && s.Start + s.Length <= text.Length)
            .OrderBy(r => r.Span!.Value.Start).ToList();
        var at = 0;
        var i = 0;
        while (i < spans.Count)
        {
            var start = Math.Max(spans[i].Span!.Value.Start, at);
            var end = spans[i].Span!.Value.Start + spans[i].Span!.Value.Length;
            var codes = new List<string> { spans[i].Code };
            for (i++; i < spans.Count && spans[i].Span!.Value.Start < end; i++)
            {
                end = Math.Max(end, spans[i].Span!.Value.Start + spans[i].Span!.Value.Length);
                codes.Add(spans[i].Code);
            }
            if (end <= start)
            {
                continue;
            }
            if (start > at)
            {
                yield return (text[at..start], null);
            }
            yield return (text[start..end], string.Join(", ", codes.Distinct()));
            at = end;
        }
        if (at < text.Length)
        {
            yield return (text[at..], null);
        }
    }
}
