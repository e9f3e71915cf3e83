using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Content.Matching;

/// <summary>
/// A template cut at its variables: the fixed text before the first (<see cref="Head"/>), between each two
/// (<see cref="Separators"/>) and after the last (<see cref="Tail"/>), read once when a tenant's matcher is built.
/// </summary>
internal sealed partial class TemplatePattern
{
    private TemplatePattern(ApprovedTemplate template, string head, string tail, string[] separators, TemplateVariable[] slots)
    {
        Template = template;
        Head = head;
        Tail = tail;
        Separators = separators;
        Slots = slots;
        FixedLength = head.Length + tail.Length + separators.Sum(s => s.Length);
    }

    public ApprovedTemplate Template { get; }

    public string Head { get; }

    public string Tail { get; }

    /// <summary>The fixed text between slot i and slot i + 1; never empty (see <see cref="Parse"/>).</summary>
    public string[] Separators { get; }

    /// <summary>The variables in the order they are written; a variable written twice (a WebOTP line's code) is two slots.</summary>
    public TemplateVariable[] Slots { get; }

    /// <summary>How many characters of a matching text the template's own words cover: the ranking of candidates.</summary>
    public int FixedLength { get; }

    /// <summary>
    /// The pattern, or null for content no text can be matched to: a malformed variable, or two variables side by side
    /// (review rejects both, <c>adjacent_variables</c>: where one value ends and the next begins is unknowable).
    /// </summary>
    public static TemplatePattern? Parse(ApprovedTemplate template)
    {
        List<VariableToken> tokens = [];
        List<VariableProblem> problems = [];
        var content = template.Content;
        VariableParser.Parse(content, tokens, problems);
        if (problems.Count > 0)
        {
            return null;
        }
        if (tokens.Count == 0)
        {
            return new(template, content, "", [], []);
        }
        var separators = new string[tokens.Count - 1];
        var slots = new TemplateVariable[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            // The type the template was approved with (stored on it), as a send by name checks it.
            slots[i] = template.Variables.Find(v => v.Name == tokens[i].Name) ?? new(tokens[i].Name, tokens[i].Type);
            if (i > 0)
            {
                var end = tokens[i - 1].Start + tokens[i - 1].Length;
                if (end == tokens[i].Start)
                {
                    return null;
                }
                separators[i - 1] = content[end..tokens[i].Start];
            }
        }
        var last = tokens[^1];
        return new(template, content[..tokens[0].Start], content[(last.Start + last.Length)..], separators, slots);
    }
}
