using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Content.Matching;

/// <summary>
/// Reads a tenant's free text (an SMPP <c>submit_sm</c>) as one of its approved templates filled in: which
/// signature, which template, which values. Built once from the tenant's approved signatures and templates (see
/// <see cref="ContentResolver.MatcherAsync"/>, which keeps it as long as it keeps the tenant's approved content).
/// </summary>
/// <remarks>
/// The signature is the <c>【…】</c> the text begins with, or ends with (some gateways put it last; 【】 can occur in
/// no approved template or text value, so a trailing one is unambiguous); failing both, the signature whose
/// source-number extension the gateway used. The rest is matched exactly, character for character, as a send by
/// name renders it: nothing is normalised (full-width and half-width punctuation differ, as they do in review).
/// Candidates come from a trie of the templates' leading fixed text, so a text is tried only against templates
/// whose first fixed run it begins with (and those that begin with a variable). Among the templates the text fits,
/// one whose values all pass their types wins over one whose values do not; then the most characters of fixed text;
/// then the lower template code, in ordinal order. A verification-only signature goes with verification templates
/// only, as a send by name requires, so only those are tried under it.
/// </remarks>
public sealed partial class TemplateMatcher
{
    private readonly Dictionary<string, Signed> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Signed>.AlternateLookup<ReadOnlySpan<char>> _names;
    private readonly Dictionary<string, Signed> _byExtension = new(StringComparer.Ordinal);
    private readonly TemplatePattern[] _patterns;
    private readonly PrefixNode _trie = new();

    /// <summary>A signature and the content it makes with each pattern (null where it may not send that template).</summary>
    private sealed record Signed(ApprovedSignature Signature, ApprovedContent?[] Contents);

    public TemplateMatcher(IEnumerable<ApprovedSignature> signatures, IEnumerable<ApprovedTemplate> templates)
    {
        _patterns = [.. templates.Select(TemplatePattern.Parse).OfType<TemplatePattern>()
            .OrderByDescending(p => p.FixedLength).ThenBy(p => p.Template.Code, StringComparer.Ordinal)];
        for (var rank = 0; rank < _patterns.Length; rank++)
        {
            _trie.Add(_patterns[rank].Head, rank);
        }
        foreach (var signature in signatures)
        {
            var signed = new Signed(signature, [.. _patterns.Select(p => Fits(signature, p.Template) ? p.Template.With(signature) : null)]);
            // One name may have been approved twice; the first is used, as a send by name does.
            _byName.TryAdd(signature.Name, signed);
            if (signature.Extension is { Length: > 0 } extension)
            {
                _byExtension.TryAdd(extension, signed);
            }
        }
        _names = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int TemplateCount => _patterns.Length;

    /// <param name="text">The whole text as the gateway sent it, signature included.</param>
    /// <param name="extension">The extension the gateway's source address carries beyond the channel's number, if any.</param>
    /// <param name="maxTextLength">The longest value a text variable takes (<c>Sending:MaxTextParameterLength</c>).</param>
    public TemplateMatch Match(string text, string? extension, int maxTextLength)
    {
        var found = FindSignature(text, extension, out var start, out var end);
        var match = found.Error is { } unsigned ? TemplateMatch.Unmatched(unsigned) : MatchTemplate(found.Value!, text, start, end, maxTextLength);
        // The 【…】 the text gave, kept with a refusal as its evidence: what lies before start or after end.
        return match.Content is not null ? match
            : match with { NamedSignature = start > 0 ? text[1..(start - 1)] : end < text.Length ? text[(end + 1)..^1] : null };
    }

    /// <summary>The signature, and where the rest of the text (the template's part) starts and ends.</summary>
    private Outcome<Signed> FindSignature(string text, string? extension, out int start, out int end)
    {
        Signed? byExtension = null;
        if (extension is not null)
        {
            _byExtension.TryGetValue(extension, out byExtension);
        }
        ReadOnlySpan<char> name;
        if (text.StartsWith('【') && text.IndexOf('】') is > 0 and var close)
        {
            name = text.AsSpan(1, close - 1);
            (start, end) = (close + 1, text.Length);
        }
        else if (text.EndsWith('】') && text.LastIndexOf('【') is >= 0 and var open)
        {
            name = text.AsSpan(open + 1, text.Length - open - 2);
            (start, end) = (0, open);
        }
        else
        {
            (start, end) = (0, text.Length);
            return byExtension is null
                ? ProblemTypes.SignatureNotFound.With("The text names no signature: begin it with 【signature】, one of your tenant's approved signatures.")
                : byExtension;
        }
        if (!_names.TryGetValue(name, out var signed))
        {
            return ProblemTypes.SignatureNotFound.With($"Your tenant has no approved signature '{Echo.Truncate(name.ToString())}'.");
        }
        if (byExtension is not null && !ReferenceEquals(byExtension, signed))
        {
            // Who sends is who is responsible: a text signed by one brand through another's number is not sent.
            return ProblemTypes.SignatureNotFound.With(
                $"The text is signed 【{signed.Signature.Name}】, but its source address carries the extension of signature '{byExtension.Signature.Name}'.");
        }
        return signed;
    }

    private static bool Fits(ApprovedSignature signature, ApprovedTemplate template) =>
        signature.Purpose != Signatures.Rules.SignaturePurpose.Verification || template.Type == Templates.Rules.TemplateType.Verification;
}
