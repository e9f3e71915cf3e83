using SmsVerify.Server.Risk.Content;

namespace SmsVerify.ContentModel;

/// <summary>Precision, recall and F1 per class and their macro averages, from true and predicted labels.</summary>
internal sealed record Metrics(int[,] Confusion)
{
    public static readonly ContentLabel[] Classes = Enum.GetValues<ContentLabel>();

    public static Metrics Of(IEnumerable<(ContentLabel Truth, ContentLabel Predicted)> pairs)
    {
        var confusion = new int[Classes.Length, Classes.Length];
        foreach (var (truth, predicted) in pairs)
        {
            confusion[(int)truth, (int)predicted]++;
        }
        return new Metrics(confusion);
    }

    public int Support(ContentLabel c) => Enumerable.Range(0, Classes.Length).Sum(p => Confusion[(int)c, p]);

    public double Precision(ContentLabel c)
    {
        var predicted = Enumerable.Range(0, Classes.Length).Sum(t => Confusion[t, (int)c]);
        return predicted == 0 ? 0 : (double)Confusion[(int)c, (int)c] / predicted;
    }

    public double Recall(ContentLabel c) => Support(c) == 0 ? 0 : (double)Confusion[(int)c, (int)c] / Support(c);

    public double F1(ContentLabel c) => Precision(c) + Recall(c) is var sum and > 0 ? 2 * Precision(c) * Recall(c) / sum : 0;

    public double MacroPrecision => Classes.Average(Precision);

    public double MacroRecall => Classes.Average(Recall);

    public double MacroF1 => Classes.Average(F1);

    public int Total => Classes.Sum(Support);

    public double Accuracy => (double)Enumerable.Range(0, Classes.Length).Sum(c => Confusion[c, c]) / Math.Max(1, Total);
}
