using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Content;
using SmsVerify.Server.Risk.Content;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Risk.Screening;

/// <summary>Why a send's content was refused: a reason code, a sentence, and the variable that carried it.</summary>
public sealed record RejectionReason(string Code, string Message, string? Variable);

/// <summary>
/// Whether what a send's values add to its approved template fits the template's type. The template's fixed text
/// passed review, so it is never held against the send: the policy rules run on the values alone, and the
/// classifier's verdict on the rendered text counts only where the template without values does not already get
/// it; a value long enough to be a sentence is also judged alone for spam. A verification or notification may carry no marketing wording; no template may carry a banned industry's
/// term, a link or a contact number in a value; marketing templates may advertise, not defraud.
/// </summary>
public sealed class ContentFit(ContentScorer scorer, IOptions<ContentRiskOptions> options)
{
    private const int MaxBaselines = 10_000;

    // A value this long is a sentence of the sender's own: judged alone too, so a scam cannot hide in a long
    // legitimate frame whose words outvote it. Shorter values (names, places, items) say too little alone.
    private const int SentenceLength = 20;

    private readonly double _sendThreshold = options.Value.SendThreshold;

    // The classifier's flag for each template's own text, by content: computed once per template, not per send.
    private readonly ConcurrentDictionary<string, string?> _baselines = new(StringComparer.Ordinal);

    /// <summary>Why the values do not fit, or null. Values that do not fit their variable's type are left to <see cref="SendParameters"/>.</summary>
    public List<RejectionReason>? Judge(ApprovedContent content, IReadOnlyDictionary<string, string> values)
    {
        List<RejectionReason>? reasons = null;
        var wordy = false;
        foreach (var variable in content.Variables)
        {
            if (!values.TryGetValue(variable.Name, out var value) || value.Length == 0)
            {
                continue;
            }
            if (variable.Type is VariableType.Text or VariableType.Name)
            {
                wordy = true;
                CheckWords(content.Type, variable.Name, value, ref reasons);
            }
            else if (variable.Type == VariableType.Number && CarriesMobileNumber(value))
            {
                // A number variable holds order numbers and counts; only a mobile number there is a contact detail.
                (reasons ??= []).Add(new RejectionReason(ContentReasonCodes.ContactNumber, $"\"{value}\" is a mobile telephone number.", variable.Name));
            }
        }
        // Codes, amounts, dates, times, numbers and phone variables add no words, so the classifier has nothing to judge.
        if (reasons is null && wordy)
        {
            CheckSentences(content, values, ref reasons);
        }
        if (reasons is null && wordy)
        {
            CheckClassifier(content, values, ref reasons);
        }
        return reasons;
    }

    private void CheckWords(TemplateType type, string variable, string value, ref List<RejectionReason>? reasons)
    {
        List<ContentReason>? found = null;
        scorer.CheckRules(value, ref found);
        if (found is null)
        {
            return;
        }
        foreach (var reason in found)
        {
            if (reason.Code == ContentReasonCodes.MarketingWording && type == TemplateType.Marketing)
            {
                continue;
            }
            (reasons ??= []).Add(new RejectionReason(reason.Code, reason.Message, variable));
        }
    }

    private void CheckSentences(ApprovedContent content, IReadOnlyDictionary<string, string> values, ref List<RejectionReason>? reasons)
    {
        foreach (var variable in content.Variables)
        {
            if (variable.Type is VariableType.Text or VariableType.Name && values.TryGetValue(variable.Name, out var value) && value.Length >= SentenceLength
                && scorer.Classify(value) is { Label: ContentLabel.Spam, Flag: { } flag } verdict && verdict.Score >= _sendThreshold)
            {
                (reasons ??= []).Add(new RejectionReason(flag,
                    $"The value reads as spam or fraud by itself ({verdict.Score.ToString("P0", CultureInfo.InvariantCulture)} sure).", variable.Name));
            }
        }
    }

    private void CheckClassifier(ApprovedContent content, IReadOnlyDictionary<string, string> values, ref List<RejectionReason>? reasons)
    {
        var rendered = TemplateRenderer.Render(content.Content, values);
        if (rendered.Text is null)
        {
            return; // A missing or unknown value: SendParameters refuses it next.
        }
        var verdict = scorer.Classify(rendered.Text);
        if (verdict.Flag is null || verdict.Score < _sendThreshold || (verdict.Label == ContentLabel.Marketing && content.Type == TemplateType.Marketing))
        {
            return;
        }
        if (Baseline(content) == verdict.Flag)
        {
            return; // The approved text alone gets this verdict: the values did not add it.
        }
        var what = verdict.Label == ContentLabel.Marketing ? "marketing" : "spam or fraud";
        (reasons ??= []).Add(new RejectionReason(verdict.Flag,
            $"With its values the message reads as {what} ({verdict.Score.ToString("P0", CultureInfo.InvariantCulture)} sure), which a {content.Type.ToString().ToLowerInvariant()} template may not send.", null));
    }

    private string? Baseline(ApprovedContent content)
    {
        if (_baselines.TryGetValue(content.Content, out var flag))
        {
            return flag;
        }
        if (_baselines.Count >= MaxBaselines)
        {
            _baselines.Clear();
        }
        // Words blank, figures as a digit: the classifier folds every number to one token anyway.
        var neutral = content.Variables.ToDictionary(v => v.Name, v => v.Type is VariableType.Text or VariableType.Name ? "" : "0", StringComparer.Ordinal);
        flag = TemplateRenderer.Render(content.Content, neutral).Text is { } text ? scorer.Classify(text).Flag : null;
        return _baselines[content.Content] = flag;
    }

    private static bool CarriesMobileNumber(string value)
    {
        if (value.Length < 11)
        {
            return false;
        }
        List<ContactNumber> numbers = [];
        ContactNumbers.Find(value, numbers);
        return numbers.Exists(n => n.Kind == NumberKind.Mobile);
    }
}
