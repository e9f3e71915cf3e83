using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Content.Matching;

// The template part of a text: candidates from the trie, tried in rank order (see the class remarks).
public sealed partial class TemplateMatcher
{
    private TemplateMatch MatchTemplate(Signed signed, string text, int start, int end, int maxTextLength)
    {
        // Ranks are indexes into _patterns, which is sorted best first: sorting the candidates' ranks orders them.
        var rented = _patterns.Length <= 512 ? null : new int[_patterns.Length];
        Span<int> ranks = rented ?? stackalloc int[512];
        var count = _trie.Collect(text.AsSpan(start, end - start), ranks);
        ranks = ranks[..count];
        ranks.Sort();
        TemplateMatch? refused = null;
        foreach (var rank in ranks)
        {
            if (signed.Contents[rank] is not { } content)
            {
                continue;
            }
            switch (_patterns[rank].Fit(text, start, end, maxTextLength, out var values, out var refusal))
            {
                case Fit.Clean:
                    return new TemplateMatch(content, values!, null);
                case Fit.Refused:
                    refused ??= new TemplateMatch(content, values!, refusal);
                    break;
            }
        }
        return refused ?? TemplateMatch.Unmatched(ProblemTypes.TemplateNotFound.With(
            $"The text fits none of your tenant's approved templates{(signed.Signature.Purpose == Signatures.Rules.SignaturePurpose.Verification ? " of the verification type" : "")} " +
            $"under signature '{signed.Signature.Name}': after the signature it must be a template's text exactly, with only its variables filled in."));
    }
}
