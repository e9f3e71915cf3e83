using System.Text.RegularExpressions;
using SmsVerify.Server.Risk.Content;

namespace SmsVerify.ContentModel;

/// <summary>Reads the two TSV files of shared/data/sms-corpus (see its SOURCES.md) and maps their labels to ours.</summary>
internal static partial class Corpus
{
    public const string Chinese = "text-antispam-zh.tsv";
    public const string English = "uci-smsspam-en.tsv";

    public static List<Sample> Read(string directory)
    {
        List<Sample> samples = [];
        foreach (var (file, source) in new[] { (Chinese, "zh-corpus"), (English, "en-corpus") })
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path} is missing: pass the corpus directory as --data <dir>.", path);
            }
            foreach (var line in File.ReadLines(path).Skip(1))
            {
                var tab = line.IndexOf('\t');
                if (tab <= 0)
                {
                    continue;
                }
                var (label, text) = (line[..tab], line[(tab + 1)..]);
                // The same template key as SOURCES.md's split: digits and x masks alike.
                var group = source + ":" + TemplateKey().Replace(text, "#");
                samples.Add(new Sample(text, label == "ham" ? ContentLabel.Legitimate : Relabel.Spam(text), source, group));
            }
        }
        return samples;
    }

    [GeneratedRegex(@"[\dx]+")]
    private static partial Regex TemplateKey();
}
