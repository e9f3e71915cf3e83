using System.Globalization;

namespace SmsVerify.Bench.Listener;

internal sealed record ListenerOptions(
    int Messages, int Warmup, int Rounds, int Window, string? Esme, string? Postgres, string? Redis, int Timeout, bool NoBuild, string CommandLine)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/SmsVerify.Bench -- listener [--messages N (2000)] [--rounds R (3)] [--window W (50)]
          [--warmup W (2000)] [--esme path/to/esme.pl] [--postgres "<npgsql connection string>"] [--redis host:port]
          [--timeout seconds per esme.pl run (300)] [--no-build]
          esme.pl (Net::SMPP, a transceiver asking a receipt for every message) straight against the npm SMSC
          (peer/smsc.js), then through SmsVerify's SMPP listener, which sends on through its SMPP channel to the same
          SMSC and returns the receipts; interleaved round by round. Prints each run, the ratio of the listener's
          msg/s to the straight msg/s per round and its median (the target is at least 0.80). Before round 1 one
          unmeasured run of W messages goes through the listener, so that a running server is measured, not its start.
          esme.pl is --esme, else ../shared/peers/esme.pl from the repository root, else /work/shared/peers/esme.pl.
        """;

    /// <summary>Returns null with <paramref name="error"/> null for --help, or null with an error message.</summary>
    public static ListenerOptions? Parse(string[] args, out string? error)
    {
        int messages = 2000, warmup = 2000, rounds = 3, window = 50, timeout = 300;
        string? esme = null, postgres = null, redis = null;
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
                    messages = Count(Value(), arg, 1, ref error);
                    break;
                case "--warmup":
                    warmup = Count(Value(), arg, 0, ref error);
                    break;
                case "--rounds":
                    rounds = Count(Value(), arg, 1, ref error);
                    break;
                case "--window":
                    window = Count(Value(), arg, 1, ref error);
                    break;
                case "--timeout":
                    timeout = Count(Value(), arg, 1, ref error);
                    break;
                case "--esme":
                    esme = Value() is { Length: > 0 } path ? Path.GetFullPath(path) : Fail(ref error, "--esme needs the path of esme.pl");
                    break;
                case "--postgres":
                    postgres = Value() is { Length: > 0 } connection ? connection : Fail(ref error, "--postgres needs a connection string");
                    break;
                case "--redis":
                    redis = Value() is { Length: > 0 } endpoint ? endpoint : Fail(ref error, "--redis needs host:port");
                    break;
                default:
                    error = $"unknown argument: {arg}";
                    break;
            }
        }
        // The account's window is at most 1000 (docs/smpp-listener.md); a larger esme.pl window would only meet ESME_RMSGQFUL.
        if (error is null && window > ListenerBench.AccountWindow)
        {
            error = $"--window must stay at or below {ListenerBench.AccountWindow}, the largest window an SMPP account may have";
        }
        return error is not null ? null : new ListenerOptions(messages, warmup, rounds, window, esme, postgres, redis, timeout, noBuild,
            BenchOptions.DisplayCommand(["listener", .. args]));
    }

    private static int Count(string? value, string name, int least, ref string? error)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= least)
        {
            return n;
        }
        error = least == 0 ? $"{name} needs a whole number" : $"{name} needs a positive integer";
        return 0;
    }

    private static string? Fail(ref string? error, string message)
    {
        error = message;
        return null;
    }
}
