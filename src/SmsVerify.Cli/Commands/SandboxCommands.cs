using System.CommandLine;
using SmsVerify.Client;

namespace SmsVerify.Cli.Commands;

/// <summary><c>sandbox register|list|inbox</c>: test numbers and what they received; <c>inbox --follow</c> prints new messages as they land.</summary>
internal static class SandboxCommands
{
    public static Command Build(CliHost host)
    {
        var phone = new Argument<string>("phone") { Description = "The test number." };
        var fixedCode = new Option<string?>("--fixed-code") { Description = "Every code sent to the number is this one." };
        var register = new Command("register", "Register a test number: its messages land in its inbox, never at a carrier.") { phone, fixedCode }
            .Runs(host, async ctx =>
                ctx.Write(await ctx.Tenant.RegisterTestNumberAsync(ctx.Get(phone), ctx.Get(fixedCode), ctx.CancellationToken),
                    n => ctx.Console.Line($"Registered {n.Phone}{(n.FixedCode is { } c ? $" (fixed code {c})" : "")}.")));
        var list = new Command("list", "The tenant's test numbers.").Runs(host, async ctx =>
            ctx.Write(await ctx.Tenant.ListTestNumbersAsync(ctx.CancellationToken), numbers =>
            {
                var table = Tables.New("Phone", "Fixed code", "Created");
                numbers.ForEach(n => table.Row(n.Phone, n.FixedCode, n.CreatedAt));
                ctx.Console.Write(table);
            }));

        var follow = new Option<bool>("--follow", "-f") { Description = "Keep watching and print new messages as they arrive, until Ctrl-C." };
        var limit = new Option<int?>("--limit") { Description = "At most this many of the newest messages." };
        var inbox = new Command("inbox", "A test number's messages, newest first, with the code read from each.") { phone, follow, limit }
            .Runs(host, ctx => ctx.Get(follow) ? FollowAsync(ctx, ctx.Get(phone)) : ShowAsync(ctx, ctx.Get(phone), ctx.Get(limit)));
        return new Command("sandbox", "The sandbox's test numbers (tenant key).") { register, list, inbox };
    }

    private static async Task<int> ShowAsync(CliContext ctx, string phone, int? limit) =>
        ctx.Write(await ctx.Tenant.ReadInboxAsync(phone, limit, ctx.CancellationToken), messages =>
        {
            var table = Tables.New("Received", "Code", "Text");
            messages.ForEach(m => table.Row(m.ReceivedAt, m.Code, m.Text));
            ctx.Console.Write(table);
        });

    /// <summary>
    /// Polls the inbox and prints each message not printed before, oldest first, one line each (one JSON object a line
    /// with --json), until cancelled. Messages already there are printed first, so nothing sent meanwhile is missed.
    /// </summary>
    private static async Task<int> FollowAsync(CliContext ctx, string phone)
    {
        var seen = new HashSet<Guid>();
        if (!ctx.Json)
        {
            ctx.Console.Line($"Watching {phone}; Ctrl-C stops.");
        }
        try
        {
            while (true)
            {
                var messages = await ctx.Tenant.ReadInboxAsync(phone, null, ctx.CancellationToken);
                foreach (var message in messages.Where(m => seen.Add(m.Id)).Reverse())
                {
                    Print(ctx, message);
                }
                await Task.Delay(ctx.Host.PollInterval, ctx.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (ctx.CancellationToken.IsCancellationRequested)
        {
            // Ctrl-C is how --follow is meant to end.
            return ExitCodes.Ok;
        }
    }

    private static void Print(CliContext ctx, InboxMessage message)
    {
        if (ctx.Json)
        {
            ctx.WriteJsonLine(message);
        }
        else
        {
            ctx.Console.Line($"{Tables.Format(message.ReceivedAt)}  {message.Code ?? "-"}  {message.Text}");
        }
        ctx.Host.Out.Flush();
    }
}
