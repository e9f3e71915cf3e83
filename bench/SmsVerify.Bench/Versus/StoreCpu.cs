using System.Globalization;

namespace SmsVerify.Bench.Versus;

/// <summary>
/// CPU used by the PostgreSQL and Redis processes on this machine (every backend, the WAL writer, the checkpointer),
/// from <c>/proc</c>: with a server store, part of what a message costs is spent there, outside the sender. A process
/// that ends between two readings takes its time with it, so this counts a little low; the pooled connections that
/// do the work live through a run.
/// </summary>
internal sealed class StoreCpu
{
    private static readonly HashSet<string> Names = ["postgres", "redis-server"];
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    private readonly Dictionary<int, long> _start = Read();

    /// <summary>CPU the store's processes used since this was made.</summary>
    public TimeSpan Used()
    {
        long ticks = 0;
        foreach (var (pid, now) in Read())
        {
            ticks += now - _start.GetValueOrDefault(pid);
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>The store's processes with their user and system ticks so far; none off Linux.</summary>
    private static Dictionary<int, long> Read()
    {
        var ticks = new Dictionary<int, long>();
        if (!Directory.Exists("/proc"))
        {
            return ticks;
        }
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid))
            {
                continue;
            }
            try
            {
                // pid (comm) state ppid … utime stime: fields 14 and 15, counted after the closing parenthesis of comm.
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                int open = stat.IndexOf('(', StringComparison.Ordinal), close = stat.LastIndexOf(')');
                if (open < 0 || close < open || !Names.Contains(stat[(open + 1)..close]))
                {
                    continue;
                }
                string[] fields = stat[(close + 2)..].Split(' ');
                ticks[pid] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // Ended while being read.
            }
        }
        return ticks;
    }
}
