using System.Globalization;

namespace SmsVerify.Bench.Versus;

/// <summary>
/// The variants a round can run: Kannel's sendsms, SmsVerify's two sending APIs, and messages sent through three
/// SmsVerify nodes on one PostgreSQL and Redis (<see cref="Cluster"/>, only on that store).
/// </summary>
internal enum Variant { Kannel, Message, Verification, Cluster }

internal sealed record VersusOptions(
    int Messages, int Warmup, int Connections, int Rounds, IReadOnlyList<Variant> Variants, string? Postgres, string? Redis, TimeSpan SettleTimeout,
    bool NoBuild, string CommandLine)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/SmsVerify.Bench -- versus [--messages N (10000)] [--warmup W (20000)] [--connections C (16)]
          [--rounds R (3)] [--variants kannel,message,verification,cluster] [--postgres "<npgsql connection string>"] [--redis host:port]
          [--timeout seconds to settle (300)] [--no-build]
          Kannel (sendsms + dlr-url) and SmsVerify (POST /v1/messages, POST /v1/verifications + webhooks) against the
          same SMSC (peer/smsc.js), one message per request, interleaved round by round; prints the medians and the
          ratio of each SmsVerify variant's settled msg/s to Kannel's. Each run first sends W messages the same way,
          unmeasured, and waits for them to settle, so that what is measured is a running sender, not its start (the
          .NET JIT compiles and tunes the hot paths in the first seconds). With --postgres/--redis, SmsVerify's
          variants run a second time on that store. The cluster variant (not run unless named) sends the message variant's
          requests in turn to three nodes sharing the PostgreSQL + Redis store, with a bind each; it needs both options.
          Every SmsVerify run also asks the SMSC how many submits it took and how many distinct texts they carried:
          a message lost or submitted twice fails the run.
        """;

    /// <summary>Returns null with <paramref name="error"/> null for --help, or null with an error message.</summary>
    public static VersusOptions? Parse(string[] args, out string? error)
    {
        int messages = 10000, warmup = 20000, connections = 16, rounds = 3, timeout = 300;
        List<Variant> variants = [Variant.Kannel, Variant.Message, Variant.Verification];
        string? postgres = null, redis = null;
        bool noBuild = false;
        error = null;
        for (int i = 0; i < args.Length && error is null; i++)
        {
            string arg = args[i];
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (arg)
            {
                case "--help" or "-h":
                    return null;
                case "--no-build":
                    noBuild = true;
                    break;
                case "--messages":
                    messages = Positive(Value(), arg, ref error);
                    break;
                case "--warmup":
                    warmup = NonNegative(Value(), arg, ref error);
                    break;
                case "--connections":
                    connections = Positive(Value(), arg, ref error);
                    break;
                case "--rounds":
                    rounds = Positive(Value(), arg, ref error);
                    break;
                case "--timeout":
                    timeout = Positive(Value(), arg, ref error);
                    break;
                case "--postgres":
                    postgres = Value() is { Length: > 0 } connection ? connection : Fail(ref error, "--postgres needs a connection string");
                    break;
                case "--redis":
                    redis = Value() is { Length: > 0 } endpoint ? endpoint : Fail(ref error, "--redis needs host:port");
                    break;
                case "--variants":
                    variants = ParseVariants(Value(), ref error);
                    break;
                default:
                    error = $"unknown argument: {arg}";
                    break;
            }
        }
        // One number per message from a block of 100,000,000 (+86139 and eight digits).
        if (error is null && messages + warmup > 10_000_000)
        {
            error = "--messages and --warmup must stay at or below 10,000,000 together";
        }
        if (error is null && variants.Contains(Variant.Cluster) && (postgres is null || redis is null))
        {
            error = "the cluster variant needs --postgres and --redis: its nodes share them";
        }
        return error is not null ? null : new VersusOptions(messages, warmup, connections, rounds, variants, postgres, redis, TimeSpan.FromSeconds(timeout),
            noBuild, BenchOptions.DisplayCommand(["versus", .. args]));
    }

    private static List<Variant> ParseVariants(string? value, ref string? error)
    {
        var variants = new List<Variant>();
        foreach (string name in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse(name, ignoreCase: true, out Variant variant) || !Enum.IsDefined(variant))
            {
                error = $"unknown variant {name}: the variants are kannel, message, verification and cluster";
                return variants;
            }
            if (!variants.Contains(variant))
            {
                variants.Add(variant);
            }
        }
        if (variants.Count == 0)
        {
            error = "--variants needs a comma-separated list: kannel, message, verification, cluster";
        }
        return variants;
    }

    private static int NonNegative(string? value, string name, ref string? error) =>
        value == "0" ? 0 : Positive(value, name, ref error);

    private static int Positive(string? value, string name, ref string? error)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0)
        {
            return n;
        }
        error = $"{name} needs a positive integer";
        return 0;
    }

    private static string? Fail(ref string? error, string message)
    {
        error = message;
        return null;
    }
}
