namespace SmsVerify.Server.Risk.Content;

/// <summary>
/// The trained classifier as plain numbers: one weight per bucket and class plus a bias per class, learned by
/// ML.NET's maximum-entropy trainer in tools/SmsVerify.ContentModel and exported here. Predicting is a dot product
/// over the text's few hundred buckets and a softmax, which is what the ML.NET model computes too, without its
/// runtime. Immutable and thread-safe after loading.
/// </summary>
public sealed partial class ContentModel
{
    private readonly float[] _weights;
    private readonly float[] _biases;

    public ContentModel(IReadOnlyList<string> labels, float[] biases, float[] weights)
    {
        if (biases.Length != labels.Count || weights.Length != CharGrams.Buckets * labels.Count)
        {
            throw new ArgumentException($"A model has one bias per class and {CharGrams.Buckets} weights per class.");
        }
        Labels = labels;
        _biases = biases;
        _weights = weights;
    }

    /// <summary>Class names, in the order of <see cref="Predict"/>'s probabilities.</summary>
    public IReadOnlyList<string> Labels { get; }

    public int Classes => _biases.Length;

    /// <summary>Writes each class's probability for <paramref name="text"/> (as sent; it is normalised here) to <paramref name="probabilities"/>.</summary>
    public void Predict(ReadOnlySpan<char> text, Span<float> probabilities)
    {
        var normalised = text.Length <= 512 ? stackalloc char[text.Length] : new char[text.Length];
        normalised = normalised[..ContentText.Normalise(text, normalised)];
        var slots = CharGrams.MaxGrams(normalised.Length);
        var buckets = slots <= 1024 ? stackalloc int[slots] : new int[slots];
        var values = slots <= 1024 ? stackalloc float[slots] : new float[slots];
        var count = CharGrams.Extract(normalised, buckets, values);
        PredictFeatures(buckets[..count], values[..count], probabilities);
    }

    /// <summary>The same as <see cref="Predict"/> for features already extracted (the training tool compares through this).</summary>
    public void PredictFeatures(ReadOnlySpan<int> buckets, ReadOnlySpan<float> values, Span<float> probabilities)
    {
        var classes = Classes;
        _biases.CopyTo(probabilities);
        for (var i = 0; i < buckets.Length; i++)
        {
            var row = _weights.AsSpan(buckets[i] * classes, classes);
            for (var c = 0; c < classes; c++)
            {
                probabilities[c] += row[c] * values[i];
            }
        }
        Softmax(probabilities[..classes]);
    }

    private static void Softmax(Span<float> scores)
    {
        var max = float.NegativeInfinity;
        foreach (var s in scores)
        {
            max = MathF.Max(max, s);
        }
        var sum = 0f;
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = MathF.Exp(scores[c] - max);
            sum += scores[c];
        }
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] /= sum;
        }
    }
}
