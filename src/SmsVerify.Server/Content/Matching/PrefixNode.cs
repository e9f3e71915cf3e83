namespace SmsVerify.Server.Content.Matching;

/// <summary>
/// A trie of the templates' leading fixed text (<see cref="TemplatePattern.Head"/>): walking a text down it meets every
/// template whose head the text begins with, and no other, in as many steps as the longest such head has characters.
/// </summary>
internal sealed class PrefixNode
{
    private Dictionary<char, PrefixNode>? _next;
    private int[] _ranks = [];

    public void Add(string head, int rank)
    {
        var node = this;
        foreach (var c in head)
        {
            node._next ??= [];
            if (!node._next.TryGetValue(c, out var child))
            {
                node._next[c] = child = new PrefixNode();
            }
            node = child;
        }
        node._ranks = [.. node._ranks, rank];
    }

    /// <summary>Writes the ranks of the templates whose head <paramref name="text"/> begins with; returns how many.</summary>
    public int Collect(ReadOnlySpan<char> text, Span<int> ranks)
    {
        var count = 0;
        var node = this;
        var at = 0;
        while (true)
        {
            node._ranks.CopyTo(ranks[count..]);
            count += node._ranks.Length;
            if (at == text.Length || node._next is null || !node._next.TryGetValue(text[at++], out node))
            {
                return count;
            }
        }
    }
}
