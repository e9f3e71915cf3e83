using System.Globalization;
using SmsVerify.Server.Risk.Content;

namespace SmsVerify.Server.Tests.Risk;

/// <summary>
/// content-heldout.tsv holds held-out texts (never trained on) with their true label and the probabilities ML.NET's
/// own prediction engine gave them, written by tools/SmsVerify.ContentModel when it built the shipped model. The
/// server scores without ML.NET, so these tests are what ties its scorer to the trained model.
/// </summary>
public sealed class ContentModelAgreementTests
{
    private static readonly List<(ContentLabel Truth, float[] MlNet, string Text)> Rows = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Risk", "content-heldout.tsv"))
        .Skip(1)
        .Select(line => line.Split('\t', 6))
        .Select(f => (Enum.Parse<ContentLabel>(f[0], ignoreCase: true), f[2..5].Select(p => float.Parse(p, CultureInfo.InvariantCulture)).ToArray(), f[5]))
        .ToList();

    [Fact]
    public void ExportedModel_AgreesWithMlNet_OnLabelsAndProbabilities()
    {
        Assert.True(Rows.Count > 1000, $"Only {Rows.Count} expectation rows.");
        var agreeing = 0;
        var largest = 0f;
        Span<float> probabilities = stackalloc float[3];
        foreach (var (_, mlnet, text) in Rows)
        {
            ContentModel.BuiltIn.Predict(text, probabilities);
            agreeing += Argmax(probabilities) == Argmax(mlnet) ? 1 : 0;
            for (var c = 0; c < 3; c++)
            {
                largest = Math.Max(largest, Math.Abs(probabilities[c] - mlnet[c]));
            }
        }
        Assert.True(agreeing >= 0.99 * Rows.Count, $"Labels agree on {agreeing} of {Rows.Count}.");
        Assert.True(largest < 0.005f, $"A probability differs by {largest}.");
    }

    [Fact]
    public void ExportedModel_MeetsItsQualityFloor_OnTheHeldOutTexts()
    {
        var classes = Enum.GetValues<ContentLabel>();
        var confusion = new int[classes.Length, classes.Length];
        Span<float> probabilities = stackalloc float[3];
        foreach (var (truth, _, text) in Rows)
        {
            ContentModel.BuiltIn.Predict(text, probabilities);
            confusion[(int)truth, Argmax(probabilities)]++;
        }
        var f1 = classes.Select(c =>
        {
            var (i, hits) = ((int)c, confusion[(int)c, (int)c]);
            var precision = hits / (double)Math.Max(1, Enumerable.Range(0, 3).Sum(t => confusion[t, i]));
            var recall = hits / (double)Math.Max(1, Enumerable.Range(0, 3).Sum(p => confusion[i, p]));
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }).ToArray();
        // docs/risk.md has the full held-out figures; these floors sit a little below them, per class.
        Assert.True(f1.Average() >= 0.80, $"Macro F1 {f1.Average():F3}");
        Assert.True(f1[(int)ContentLabel.Legitimate] >= 0.93, $"Legitimate F1 {f1[0]:F3}");
        Assert.True(f1[(int)ContentLabel.Marketing] >= 0.85, $"Marketing F1 {f1[1]:F3}");
        Assert.True(f1[(int)ContentLabel.Spam] >= 0.60, $"Spam F1 {f1[2]:F3}");
    }

    private static int Argmax(ReadOnlySpan<float> p)
    {
        var best = 0;
        for (var c = 1; c < p.Length; c++)
        {
            best = p[c] > p[best] ? c : best;
        }
        return best;
    }
}
