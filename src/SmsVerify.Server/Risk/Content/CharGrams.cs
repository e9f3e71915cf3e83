namespace SmsVerify.Server.Risk.Content;

/// <summary>
/// The classifier's features: every 1-, 2- and 3-character gram of the normalised text (with a start and an end
/// mark, so a gram at the edge differs from one inside), hashed into 2^<see cref="Bits"/> buckets, counted and
/// scaled to unit length. Character grams need no word segmentation, so Chinese and English go through the same
/// code. The training tool calls this same code, which is why the server can score without ML.NET.
/// </summary>
public static class CharGrams
{
    /// <summary>Changes whenever the normaliser, the grams or the hash change: a model built on another version is refused.</summary>
    public const int Version = 2;

    public const int Bits = 18;
    public const int Buckets = 1 << Bits;
    public const int MaxOrder = 3;

    private const char Start = '\u0002';
    private const char End = '\u0003';

    /// <summary>How many gram slots a normalised text of <paramref name="length"/> characters needs at most.</summary>
    public static int MaxGrams(int length) => (length + 2) * MaxOrder;

    /// <summary>
    /// Writes the distinct buckets of <paramref name="text"/> (normalised) in ascending order to
    /// <paramref name="buckets"/> and their unit-length weights to <paramref name="values"/>; both need
    /// <see cref="MaxGrams"/> slots. Returns how many were written.
    /// </summary>
    public static int Extract(ReadOnlySpan<char> text, Span<int> buckets, Span<float> values)
    {
        var count = 0;
        var padded = text.Length + 2;
        for (var end = 0; end < padded; end++)
        {
            for (var order = 1; order <= MaxOrder && order <= end + 1; order++)
            {
                if (order == 1 && (end == 0 || end == padded - 1))
                {
                    continue;
                }
                var hash = 2166136261u ^ ((uint)order * 0x9E3779B1u);
                for (var p = end - order + 1; p <= end; p++)
                {
                    var c = p == 0 ? Start : p == padded - 1 ? End : text[p - 1];
                    hash = (hash ^ c) * 16777619u;
                }
                buckets[count++] = (int)(Mix(hash) >> (32 - Bits));
            }
        }
        buckets[..count].Sort();
        var distinct = 0;
        var sumOfSquares = 0f;
        for (var i = 0; i < count;)
        {
            var bucket = buckets[i];
            var run = 1;
            while (i + run < count && buckets[i + run] == bucket)
            {
                run++;
            }
            buckets[distinct] = bucket;
            values[distinct++] = run;
            sumOfSquares += run * run;
            i += run;
        }
        var scale = sumOfSquares > 0 ? 1f / MathF.Sqrt(sumOfSquares) : 0f;
        for (var i = 0; i < distinct; i++)
        {
            values[i] *= scale;
        }
        return distinct;
    }

    // MurmurHash3's finaliser: FNV-1a alone leaves the top bits, which pick the bucket, poorly mixed.
    private static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        return h ^ (h >> 16);
    }
}
