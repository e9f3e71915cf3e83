namespace SmsVerify.Server.Templates.Rules;

/// <summary>One occurrence of a term in a text: where, and which term (its index in the matcher's term list).</summary>
public readonly record struct TermHit(int Start, int Length, int Term);

/// <summary>
/// Finds every occurrence of many terms in one pass over the text (Aho–Corasick), built once per policy. ASCII
/// letters match without regard to case. A term that begins or ends with an ASCII letter or digit matches only at
/// a word boundary on that side, so "win" does not fire inside "window" while "P2P借贷" still finds "P2P".
/// </summary>
public sealed class TermMatcher
{
    private readonly Dictionary<long, int> _next = [];
    private readonly List<int> _fail = [0];
    private readonly List<int> _term = [-1];
    // The nearest node down the failure chain that ends a term, so reporting skips nodes that end none.
    private readonly List<int> _output = [0];
    private readonly string[] _terms;

    public TermMatcher(IReadOnlyList<string> terms)
    {
        _terms = new string[terms.Count];
        for (var t = 0; t < terms.Count; t++)
        {
            _terms[t] = terms[t];
            var node = 0;
            foreach (var c in terms[t])
            {
                var key = Key(node, Fold(c));
                if (!_next.TryGetValue(key, out var child))
                {
                    child = _fail.Count;
                    _next[key] = child;
                    _fail.Add(0);
                    _term.Add(-1);
                    _output.Add(0);
                }
                node = child;
            }
            _term[node] = t;
        }
        BuildFailureLinks();
    }

    public IReadOnlyList<string> Terms => _terms;

    /// <summary>Adds every occurrence to <paramref name="hits"/>, in order of where each ends.</summary>
    public void Scan(ReadOnlySpan<char> text, List<TermHit> hits)
    {
        var state = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = Fold(text[i]);
            int next;
            while (!_next.TryGetValue(Key(state, c), out next) && state != 0)
            {
                state = _fail[state];
            }
            state = _next.TryGetValue(Key(state, c), out next) ? next : 0;
            for (var node = _term[state] >= 0 ? state : _output[state]; node != 0; node = _output[node])
            {
                var term = _terms[_term[node]];
                var start = i - term.Length + 1;
                if (AtBoundary(text, start, i, term))
                {
                    hits.Add(new TermHit(start, term.Length, _term[node]));
                }
            }
        }
    }

    private void BuildFailureLinks()
    {
        // Breadth first over the trie: a node's failure link is the longest proper suffix that is also a prefix.
        var children = new List<(int Parent, char C, int Child)>[_fail.Count];
        foreach (var (key, child) in _next)
        {
            var parent = (int)(key >> 16);
            (children[parent] ??= []).Add((parent, (char)(key & 0xFFFF), child));
        }
        var queue = new Queue<int>();
        queue.Enqueue(0);
        while (queue.Count > 0)
        {
            var parent = queue.Dequeue();
            foreach (var (_, c, child) in children[parent] ?? [])
            {
                if (parent != 0)
                {
                    var f = _fail[parent];
                    int target;
                    while (!_next.TryGetValue(Key(f, c), out target) && f != 0)
                    {
                        f = _fail[f];
                    }
                    _fail[child] = _next.TryGetValue(Key(f, c), out target) && target != child ? target : 0;
                }
                var fail = _fail[child];
                _output[child] = _term[fail] >= 0 ? fail : _output[fail];
                queue.Enqueue(child);
            }
        }
    }

    private static bool AtBoundary(ReadOnlySpan<char> text, int start, int end, string term)
    {
        if (char.IsAsciiLetterOrDigit(term[0]) && start > 0 && char.IsAsciiLetterOrDigit(text[start - 1]))
        {
            return false;
        }
        return !(char.IsAsciiLetterOrDigit(term[^1]) && end + 1 < text.Length && char.IsAsciiLetterOrDigit(text[end + 1]));
    }

    private static long Key(int node, char c) => ((long)node << 16) | c;

    private static char Fold(char c) => char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
}
