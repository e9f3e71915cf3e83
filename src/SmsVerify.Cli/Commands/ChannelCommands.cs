using System.CommandLine;
using SmsVerify.Client;

namespace SmsVerify.Cli.Commands;

/// <summary><c>channels status</c>: each carrier channel and the send queue, for an admin key.</summary>
internal static class ChannelCommands
{
    public static Command Build(CliHost host)
    {
        var status = new Command("status", "Each channel's state, binds, counters and breaker, and the queue.").Runs(host, async ctx =>
        {
            var channels = await ctx.Operator.ListChannelsAsync(ctx.CancellationToken);
            var queue = await ctx.Operator.GetQueueAsync(ctx.CancellationToken);
            return ctx.Write(new ChannelsStatus(channels, queue), s =>
            {
                var table = Tables.New("Channel", "Kind", "State", "Binds", "Breaker", "Submitted", "Accepted", "Rejected", "Unknown", "Per s", "Queued", "Last error");
                foreach (var c in s.Channels)
                {
                    table.Row(c.Name, c.Kind, c.State, $"{c.BindsUp}/{c.BindsTotal}", c.Breaker, c.Submitted, c.Accepted, c.Rejected, c.Unknown,
                        c.Throughput, c.Queued, c.LastError);
                }
                ctx.Console.Write(table);
                var oldest = s.Queue.OldestCreatedAt is { } at ? $", oldest {Tables.Format(at)}" : "";
                ctx.Console.Line($"Queue: {s.Queue.Queued} queued, {s.Queue.Due} due, {s.Queue.Unroutable} unroutable{oldest}.");
            });
        });
        return new Command("channels", "Carrier channels (admin key).") { status };
    }
}

/// <summary>What <c>channels status --json</c> prints: the two answers it is made of, side by side.</summary>
internal sealed record ChannelsStatus(List<Channel> Channels, QueueDepth Queue);
