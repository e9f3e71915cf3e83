using System.Globalization;

namespace SmsVerify.ContentModel;

internal sealed record Options(string Data, string Model, string Docs, string Expectations, string Legitimate, int Seed, double TestShare, float L1, float L2, float OwnWeight)
{
    public const string Usage = """
        usage: dotnet run -c Release --project tools/SmsVerify.ContentModel -- [options]
          --data <dir>       the corpus (default: ../shared/data/sms-corpus from the repository root)
          --seed N           split and trainer seed (default 42)
          --test-share F     held-out share (default 0.2)
          --l1 F --l2 F      regularisation of the maximum-entropy trainer (defaults 0 and 0.3)
          --own-weight F     how much one of our own legitimate messages counts (default 5)
        Writes src/SmsVerify.Server/Risk/Content/content-model.bin, tests/SmsVerify.Server.Tests/Risk/content-heldout.tsv
        and the metrics section of docs/risk.md, which also judges tests/SmsVerify.Server.Tests/Risk/legitimate-sms.tsv.
        """;

    public static Options? Parse(string[] args, out string? error)
    {
        error = null;
        var root = RepositoryRoot();
        var options = new Options(
            Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "sms-corpus")),
            Path.Combine(root, "src", "SmsVerify.Server", "Risk", "Content", "content-model.bin"),
            Path.Combine(root, "docs", "risk.md"),
            Path.Combine(root, "tests", "SmsVerify.Server.Tests", "Risk", "content-heldout.tsv"),
            Path.Combine(root, "tests", "SmsVerify.Server.Tests", "Risk", "legitimate-sms.tsv"),
            42, 0.2, 0f, 0.3f, 5f);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--help" or "-h":
                    return null;
                case "--data" when value is not null:
                    options = options with { Data = Path.GetFullPath(value) };
                    break;
                case "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out var seed):
                    options = options with { Seed = seed };
                    break;
                case "--test-share" when double.TryParse(value, CultureInfo.InvariantCulture, out var share) && share is > 0 and < 1:
                    options = options with { TestShare = share };
                    break;
                case "--l1" when float.TryParse(value, CultureInfo.InvariantCulture, out var l1) && l1 >= 0:
                    options = options with { L1 = l1 };
                    break;
                case "--l2" when float.TryParse(value, CultureInfo.InvariantCulture, out var l2) && l2 >= 0:
                    options = options with { L2 = l2 };
                    break;
                case "--own-weight" when float.TryParse(value, CultureInfo.InvariantCulture, out var weight) && weight > 0:
                    options = options with { OwnWeight = weight };
                    break;
                default:
                    error = $"bad argument: {args[i]} {value}";
                    return null;
            }
            i++;
        }
        return options;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SmsVerify.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Run this from inside the SmsVerify repository (no SmsVerify.slnx found above the current directory).");
    }
}
