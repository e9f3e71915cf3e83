using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using SmsVerify.Server.Risk.Content;

namespace SmsVerify.ContentModel;

/// <summary>
/// Trains ML.NET's L-BFGS maximum-entropy (multinomial logistic regression) classifier over the server's own
/// character-gram features, and exports its weights as a <see cref="Server.Risk.Content.ContentModel"/>.
/// </summary>
internal sealed class Trainer(int seed)
{
    private readonly MLContext _ml = new(seed);

    public sealed class Row
    {
        // LoadFromEnumerable takes a key field as the 0-based class index (found by test: 1-based shifted every class).
        [KeyType(3)]
        public uint Label { get; set; }

        [VectorType(CharGrams.Buckets)]
        public VBuffer<float> Features { get; set; }

        public float Weight { get; set; }
    }

    public sealed class Prediction
    {
        public float[] Score { get; set; } = [];
    }

    public ITransformer? Model { get; private set; }

    public Server.Risk.Content.ContentModel Train(List<Sample> samples, Func<Sample, float> weight, float l1, float l2)
    {
        var data = _ml.Data.LoadFromEnumerable(samples.Select(s => ToRow(s, weight(s))));
        var trainer = _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            ExampleWeightColumnName = nameof(Row.Weight),
            L1Regularization = l1,
            L2Regularization = l2,
            OptimizationTolerance = 1e-7f,
            MaximumNumberOfIterations = 1000,
            NumberOfThreads = Environment.ProcessorCount,
        });
        var transformer = trainer.Fit(data);
        Model = transformer;
        VBuffer<float>[] weights = [];
        transformer.Model.GetWeights(ref weights, out var classes);
        var biases = transformer.Model.GetBiases().ToArray();
        var dense = new float[CharGrams.Buckets * classes];
        for (var c = 0; c < classes; c++)
        {
            var values = weights[c].GetValues();
            var indices = weights[c].GetIndices();
            for (var i = 0; i < values.Length; i++)
            {
                dense[(weights[c].IsDense ? i : indices[i]) * classes + c] = values[i];
            }
        }
        var labels = Enum.GetValues<ContentLabel>().Select(l => l.ToString().ToLowerInvariant()).ToArray();
        return new Server.Risk.Content.ContentModel(labels, biases, dense);
    }

    /// <summary>ML.NET's own probabilities for each sample, through its prediction pipeline.</summary>
    public List<float[]> Predict(List<Sample> samples)
    {
        var data = _ml.Data.LoadFromEnumerable(samples.Select(s => ToRow(s, 1)));
        var scored = Model!.Transform(data);
        return _ml.Data.CreateEnumerable<Prediction>(scored, reuseRowObject: false).Select(p => p.Score).ToList();
    }

    private static Row ToRow(Sample sample, float weight)
    {
        var normalised = ContentText.Normalise(sample.Text);
        var slots = CharGrams.MaxGrams(normalised.Length);
        var buckets = new int[slots];
        var values = new float[slots];
        var count = CharGrams.Extract(normalised, buckets, values);
        return new Row
        {
            Label = (uint)sample.Label,
            Features = new VBuffer<float>(CharGrams.Buckets, count, values[..count], buckets[..count]),
            Weight = weight,
        };
    }
}
