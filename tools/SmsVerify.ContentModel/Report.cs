using System.Globalization;
using System.Text;
using SmsVerify.Server.Risk.Content;

namespace SmsVerify.ContentModel;

/// <summary>The held-out results: metrics for docs/risk.md, and the expectations file the server's tests read.</summary>
internal sealed class Report(
    Options options, List<Sample> train, List<Sample> test, List<float[]> mlnet, List<float[]> ours,
    IReadOnlyList<LegitimateKind> legitimate, long modelBytes)
{
    private const string Begin = "<!-- metrics:begin (written by tools/SmsVerify.ContentModel; do not edit by hand) -->";
    private const string End = "<!-- metrics:end -->";

    // Every held-out text of our own and a fixed sample of the corpora's, so the file stays small.
    private const int ExpectationRows = 1500;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly Metrics _ours = Metrics.Of(test.Select((s, i) => (s.Label, Argmax(ours[i]))));
    private readonly Metrics _mlnet = Metrics.Of(test.Select((s, i) => (s.Label, Argmax(mlnet[i]))));

    public double Agreement => test.Count == 0 ? 1 : (double)Enumerable.Range(0, test.Count).Count(i => Argmax(ours[i]) == Argmax(mlnet[i])) / test.Count;

    public double MaxDifference => Enumerable.Range(0, test.Count).Max(i => Enumerable.Range(0, 3).Max(c => Math.Abs(ours[i][c] - mlnet[i][c])));

    private int LegitimateTexts => legitimate.Sum(k => k.Texts);

    private double LegitimateShare(Func<LegitimateKind, int> count) =>
        legitimate.Sum(count) / (double)Math.Max(1, LegitimateTexts);

    public string Summary() =>
        $"held out: macro F1 {_ours.MacroF1:F3} (ML.NET {_mlnet.MacroF1:F3}), accuracy {_ours.Accuracy:F3}; "
        + $"legitimate set: {LegitimateShare(k => k.Spam):P1} spam, {LegitimateShare(k => k.Marketing):P1} marketing, {legitimate.Sum(k => k.Banned)} banned industry of {LegitimateTexts}; "
        + $"exported model agrees on {Agreement:P2} of labels, largest probability difference {MaxDifference:F4}; model {modelBytes / 1024} KiB";

    public void WriteDocs()
    {
        var section = Section();
        var docs = File.Exists(options.Docs) ? File.ReadAllText(options.Docs) : "# Content risk\n";
        var begin = docs.IndexOf(Begin, StringComparison.Ordinal);
        var end = docs.IndexOf(End, StringComparison.Ordinal);
        docs = begin >= 0 && end > begin
            ? docs[..begin] + section + docs[(end + End.Length)..]
            : docs.TrimEnd() + "\n\n" + section + "\n";
        File.WriteAllText(options.Docs, docs);
    }

    public void WriteExpectations()
    {
        var own = test.Select((s, i) => (s, i)).Where(x => x.s.Source == "own").ToList();
        var rest = test.Select((s, i) => (s, i)).Where(x => x.s.Source != "own").ToList();
        var step = Math.Max(1, rest.Count / Math.Max(1, ExpectationRows - own.Count));
        var rows = own.Concat(rest.Where((_, k) => k % step == 0)).OrderBy(x => x.i);
        var text = new StringBuilder("label\tsource\tlegitimate\tmarketing\tspam\ttext\n");
        foreach (var (sample, i) in rows)
        {
            text.Append(Label(sample.Label)).Append('\t').Append(sample.Source);
            foreach (var p in mlnet[i])
            {
                text.Append('\t').Append(p.ToString("R", Invariant));
            }
            text.Append('\t').Append(sample.Text.Replace('\t', ' ')).Append('\n');
        }
        Directory.CreateDirectory(Path.GetDirectoryName(options.Expectations)!);
        File.WriteAllText(options.Expectations, text.ToString());
    }

    private string Section()
    {
        var s = new StringBuilder(Begin).Append('\n');
        s.Append(Invariant, $"Seed {options.Seed}, {options.TestShare:P0} held out (stratified by label and source, whole templates), ")
            .Append(Invariant, $"L-BFGS maximum entropy with L1 {options.L1}, L2 {options.L2}, our own messages weighted {options.OwnWeight}. ")
            .Append(Invariant, $"Model file: {modelBytes / 1024} KiB.\n\n");
        s.Append("| source | label | train | held out |\n|---|---|---:|---:|\n");
        foreach (var group in train.Concat(test).GroupBy(x => (x.Source, x.Label)).OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Label))
        {
            s.Append(Invariant, $"| {group.Key.Source} | {Label(group.Key.Label)} | {train.Count(x => x.Source == group.Key.Source && x.Label == group.Key.Label)} | ")
                .Append(Invariant, $"{test.Count(x => x.Source == group.Key.Source && x.Label == group.Key.Label)} |\n");
        }
        s.Append("\nHeld-out results of the exported model (what the server runs):\n\n| class | precision | recall | F1 | support |\n|---|---:|---:|---:|---:|\n");
        foreach (var c in Metrics.Classes)
        {
            s.Append(Invariant, $"| {Label(c)} | {_ours.Precision(c):F3} | {_ours.Recall(c):F3} | {_ours.F1(c):F3} | {_ours.Support(c)} |\n");
        }
        s.Append(Invariant, $"| **macro average** | {_ours.MacroPrecision:F3} | {_ours.MacroRecall:F3} | **{_ours.MacroF1:F3}** | {_ours.Total} |\n\n");
        s.Append(Invariant, $"Accuracy {_ours.Accuracy:F3}. Confusion (rows: true label, columns: predicted legitimate / marketing / spam): ");
        s.AppendJoin("; ", Metrics.Classes.Select(t => $"{Label(t)} {string.Join(" / ", Metrics.Classes.Select(p => _ours.Confusion[(int)t, (int)p]))}")).Append(".\n\n");
        s.Append("Accuracy by source: ");
        s.AppendJoin("; ", test.Select((x, i) => (x, i)).GroupBy(x => x.x.Source).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(Invariant, $"{g.Key} {g.Count(x => Argmax(ours[x.i]) == x.x.Label) / (double)g.Count():F3} ({g.Count()} texts)"))).Append(".\n\n");
        s.Append(Invariant, $"ML.NET's own prediction engine on the same texts: macro F1 {_mlnet.MacroF1:F3}. The exported scorer gives the same label for ")
            .Append(Invariant, $"{Agreement:P2} of them; the largest difference in any class probability is {MaxDifference:F4} (half-precision weights).\n\n");
        s.Append(Invariant, $"The legitimate set (`legitimate-sms.tsv`, {LegitimateTexts} texts never trained on) through the whole scorer, model and policy rules: ")
            .Append(Invariant, $"{LegitimateShare(k => k.Spam):P1} labelled spam, {LegitimateShare(k => k.Marketing):P1} marketing. ")
            .Append(Invariant, $"Apart from those, {legitimate.Sum(k => k.Banned)} name a banned industry (a bank's 贷款 reminder: the default policy bans lending on every template) and are refused by rule.\n\n")
            .Append("| kind | texts | marketing | spam | banned industry |\n|---|---:|---:|---:|---:|\n");
        foreach (var k in legitimate)
        {
            s.Append(Invariant, $"| {k.Kind} | {k.Texts} | {k.Marketing} | {k.Spam} | {k.Banned} |\n");
        }
        return s.Append(End).ToString();
    }

    private static ContentLabel Argmax(float[] p) => (ContentLabel)Array.IndexOf(p, p.Max());

    private static string Label(ContentLabel label) => label.ToString().ToLowerInvariant();
}
