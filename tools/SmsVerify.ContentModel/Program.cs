// Trains the content classifier and writes the model the server embeds, the held-out expectations its tests
// check, and the metrics in docs/risk.md. Usage and defaults: see Options.Usage, and docs/risk.md.
using System.Diagnostics;
using SmsVerify.ContentModel;
using SmsVerify.Server.Risk.Content;

if (Options.Parse(args, out var error) is not { } options)
{
    Console.Error.WriteLine(error ?? Options.Usage);
    return error is null ? 0 : 2;
}

var clock = Stopwatch.StartNew();
var samples = Corpus.Read(options.Data);
samples.AddRange(OwnMessages.Generate());
var (train, test) = Split.Make(samples, options.TestShare, options.Seed);
Console.WriteLine($"{samples.Count} texts: {train.Count} to train, {test.Count} held out");

// Each class weighs as much as the others in the loss, and our own messages count OwnWeight times: they are the
// only real platform traffic in the data, a few hundred among twelve thousand chat and microblog lines.
var perClass = train.GroupBy(s => s.Label).ToDictionary(g => g.Key, g => (float)train.Count / (Metrics.Classes.Length * g.Count()));
float Weight(Sample s) => perClass[s.Label] * (s.Source == "own" ? options.OwnWeight : 1f);

var trainer = new Trainer(options.Seed);
var exported = trainer.Train(train, Weight, options.L1, options.L2);
Console.WriteLine($"trained in {clock.Elapsed.TotalSeconds:F0} s");

using (var file = File.Create(options.Model))
{
    exported.Write(file);
}
ContentModel shipped;
using (var file = File.OpenRead(options.Model))
{
    shipped = ContentModel.Read(file);
}

var mlnet = trainer.Predict(test);
var ours = test.Select(s =>
{
    var p = new float[shipped.Classes];
    shipped.Predict(s.Text, p);
    return p;
}).ToList();
var legitimate = LegitimateSet.Read(options.Legitimate).Judge(shipped);
var report = new Report(options, train, test, mlnet, ours, legitimate, new FileInfo(options.Model).Length);
report.WriteDocs();
report.WriteExpectations();
Console.WriteLine(report.Summary());
return report.Agreement >= 0.99 ? 0 : 1;
