using System.Diagnostics;

namespace SmsVerify.Bench.Versus;

/// <summary>
/// CPU used by the PostgreSQL and Redis processes on this machine (every backend, the WAL writer, the checkpointer):
/// with a server store, part of what a message costs is spent there, outside the sender. A process that ends between
/// two readings takes its time with it, so this counts a little low; the pooled connections that do the work live
/// through a run.
/// </summary>
internal sealed class StoreCpu
{
    private static readonly string[] Names = ["postgres", "redis-server"];

    private readonly Dictionary<int, TimeSpan> _start = Read();

    /// <summary>CPU the store's processes used since this was made.</summary>
    public TimeSpan Used() => Read().Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Value - _start.GetValueOrDefault(p.Key));

    /// <summary>The store's processes by id, with the CPU each has used so far.</summary>
    private static Dictionary<int, TimeSpan> Read()
    {
        var used = new Dictionary<int, TimeSpan>();
        foreach (var process in Process.GetProcesses())
        {
            using (process)
            {
                try
                {
                    if (IsStore(process.ProcessName))
                    {
                        used[process.Id] = process.TotalProcessorTime;
                    }
                }
                catch (InvalidOperationException)
                {
                    // Ended since it was listed.
                }
            }
        }
        return used;
    }

    // On Linux the name is the process's title, which PostgreSQL and Redis rewrite ("postgres: walwriter",
    // "redis-server 127.0.0.1:6379"), so the program's name is only its first word.
    private static bool IsStore(string name) =>
        Array.Exists(Names, n => name.StartsWith(n, StringComparison.Ordinal) && (name.Length == n.Length || name[n.Length] is ':' or ' '));
}
