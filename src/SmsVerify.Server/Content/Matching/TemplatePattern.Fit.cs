using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Content.Matching;

/// <summary>How a text fits a pattern: not at all, with values their variables refuse, or cleanly.</summary>
internal enum Fit { None, Refused, Clean }

// Reading a text against one pattern: the fixed parts by hand-written scans, no regular expression.
internal sealed partial class TemplatePattern
{
    /// <summary>
    /// Bounds the search over where values end when a separator occurs more than once, so a crafted text costs at most
    /// this many steps per candidate. Real templates have one way to split; a handful is plenty.
    /// </summary>
    private const int SearchSteps = 256;

    /// <summary>
    /// Whether the text from <paramref name="start"/> to <paramref name="end"/> (the text without its signature) is
    /// this template filled in. Where a separator
    /// occurs inside a value, every split is tried, earliest end first; the first whose values all pass is
    /// <see cref="Fit.Clean"/>. If none does, the first split is kept with the first value's refusal.
    /// </summary>
    public Fit Fit(string text, int start, int end, int maxTextLength, out Dictionary<string, string>? values, out ApiError? refusal)
    {
        values = null;
        refusal = null;
        var span = text.AsSpan(start, end - start);
        if (span.Length < FixedLength + Slots.Length || !span.StartsWith(Head, StringComparison.Ordinal) || !span.EndsWith(Tail, StringComparison.Ordinal))
        {
            return Matching.Fit.None;
        }
        if (Slots.Length == 0)
        {
            // Head is the whole content; the length check above and StartsWith make the text equal to it.
            return span.Length == Head.Length ? Matching.Fit.Clean : Matching.Fit.None;
        }
        var search = new Search(text, start + Head.Length, end - Tail.Length, maxTextLength);
        Span<int> ends = Slots.Length <= 32 ? stackalloc int[Slots.Length] : new int[Slots.Length];
        Split(ref search, 0, search.From, ends);
        values = search.Values;
        refusal = search.Refusal;
        return search.Fit;
    }

    private struct Search(string body, int from, int to, int maxTextLength)
    {
        public readonly string Body = body;
        public readonly int From = from;
        public readonly int To = to;
        public readonly int MaxTextLength = maxTextLength;
        public int Steps = SearchSteps;
        public Fit Fit;
        public Dictionary<string, string>? Values;
        public ApiError? Refusal;
    }

    /// <returns>True to stop: a clean fit found, or the steps spent.</returns>
    private bool Split(ref Search search, int slot, int start, Span<int> ends)
    {
        if (--search.Steps < 0)
        {
            return true;
        }
        if (slot == Slots.Length - 1)
        {
            ends[slot] = search.To;
            return search.To > start && Complete(ref search, ends);
        }
        var separator = Separators[slot];
        // A value has at least one character, and the slots after this one need theirs and their separators.
        for (var from = start + 1; from < search.To; from++)
        {
            var found = search.Body.AsSpan(from, search.To - from).IndexOf(separator, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }
            from += found;
            ends[slot] = from;
            if (Split(ref search, slot + 1, from + separator.Length, ends))
            {
                return true;
            }
        }
        return false;
    }

    private bool Complete(ref Search search, Span<int> ends)
    {
        // A variable written twice (a WebOTP line repeats the code) holds one value: both places must agree.
        for (var i = 1; i < Slots.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (Slots[j].Name == Slots[i].Name && !Value(ref search, ends, i).SequenceEqual(Value(ref search, ends, j)))
                {
                    return false;
                }
            }
        }
        var values = new Dictionary<string, string>(Slots.Length, StringComparer.Ordinal);
        ApiError? refusal = null;
        for (var i = 0; i < Slots.Length; i++)
        {
            if (values.ContainsKey(Slots[i].Name))
            {
                continue;
            }
            var value = Value(ref search, ends, i).ToString();
            values[Slots[i].Name] = value;
            refusal ??= SendParameters.CheckValue(Slots[i], value, SendParameters.CodeLength, search.MaxTextLength);
        }
        if (refusal is null)
        {
            (search.Fit, search.Values, search.Refusal) = (Matching.Fit.Clean, values, null);
            return true;
        }
        if (search.Fit == Matching.Fit.None)
        {
            (search.Fit, search.Values, search.Refusal) = (Matching.Fit.Refused, values, refusal);
        }
        return false;
    }

    private ReadOnlySpan<char> Value(ref Search search, Span<int> ends, int slot)
    {
        var start = slot == 0 ? search.From : ends[slot - 1] + Separators[slot - 1].Length;
        return search.Body.AsSpan(start, ends[slot] - start);
    }
}
