using System.Text;

namespace SmsVerify.Server.Templates.Rules;

/// <summary>A rendered message, or why the parameters do not fit the template.</summary>
public sealed record TemplateRendering(string? Text, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>Fills a template's variables with the parameters of a send request.</summary>
public static class TemplateRenderer
{
    /// <summary>
    /// Replaces every <c>${name}</c> (or <c>${name:type}</c>) with its parameter. Every variable needs a parameter
    /// and every parameter a variable: a misspelt name is an error, not a silent gap. Values are not checked
    /// here; see <see cref="VariableValues.Check"/>.
    /// </summary>
    public static TemplateRendering Render(string content, IReadOnlyDictionary<string, string> parameters)
    {
        List<VariableToken> tokens = [];
        List<VariableProblem> problems = [];
        VariableParser.Parse(content, tokens, problems);
        if (problems.Count > 0)
        {
            return new(null, $"The template has a malformed variable: {problems[0].Message}");
        }
        var missing = tokens.Select(t => t.Name).Where(n => !parameters.ContainsKey(n)).Distinct().ToList();
        if (missing.Count > 0)
        {
            return new(null, $"Missing parameters: {string.Join(", ", missing)}.");
        }
        var extra = parameters.Keys.Where(k => !tokens.Exists(t => t.Name == k)).Order(StringComparer.Ordinal).ToList();
        if (extra.Count > 0)
        {
            return new(null, $"Parameters the template does not use: {string.Join(", ", extra)}.");
        }
        var text = new StringBuilder(content.Length + 32);
        var position = 0;
        foreach (var token in tokens)
        {
            text.Append(content, position, token.Start - position).Append(parameters[token.Name]);
            position = token.Start + token.Length;
        }
        return new(text.Append(content, position, content.Length - position).ToString(), null);
    }
}
