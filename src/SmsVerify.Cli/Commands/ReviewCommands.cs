using System.CommandLine;
using System.Text.Json;
using SmsVerify.Client;
using Spectre.Console;

namespace SmsVerify.Cli.Commands;

/// <summary><c>review list|show|approve|reject</c>: the queue of submissions a person decides, for an admin or auditor key.</summary>
internal static class ReviewCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Build(CliHost host)
    {
        var kind = new Option<string?>("--kind") { Description = "Only this kind: qualification, landing_app, …" };
        var status = new Option<string?>("--status") { Description = "pending_review (the default), approved or rejected." };
        var limit = new Option<int?>("--limit") { Description = "At most this many." };
        var list = new Command("list", "Submissions, oldest first: the longest waiting is decided first.") { kind, status, limit }.Runs(host, async ctx =>
            ctx.Write(await ctx.Operator.ListReviewItemsAsync(ctx.Get(kind), ctx.Get(status), ctx.Get(limit), ctx.CancellationToken), items =>
            {
                var table = Tables.New("Id", "Kind", "Tenant", "Status", "Submitted", "Decided by");
                items.ForEach(i => table.Row(i.Id, i.Kind, i.TenantId, i.Status, i.SubmittedAt, i.DecidedBy));
                ctx.Console.Write(table);
            }));

        var id = new Argument<Guid>("id") { Description = "The review item's id." };
        var show = new Command("show", "One submission: its state, decision, documents and what was submitted.") { id }.Runs(host, async ctx =>
            ctx.Write(await ctx.Operator.GetReviewItemAsync(ctx.Get(id), ctx.CancellationToken), item => Show(ctx.Console, item)));

        var note = new Option<string?>("--note") { Description = "A note kept with the decision." };
        var verifiedName = new Option<string?>("--verified-name") { Description = "For a real-person verification: the name read on the ID." };
        var approve = new Command("approve", "Approve a submission.") { id, note, verifiedName }.Runs(host, async ctx =>
            ctx.Write(await ctx.Operator.ApproveReviewItemAsync(ctx.Get(id), ctx.Get(note), ctx.Get(verifiedName), ctx.CancellationToken),
                item => Decided(ctx.Console, item)));

        var reason = new Option<string>("--reason") { Description = "Why, as the tenant will read it.", Required = true };
        var reject = new Command("reject", "Reject a submission with the reason the tenant reads.") { id, reason }.Runs(host, async ctx =>
            ctx.Write(await ctx.Operator.RejectReviewItemAsync(ctx.Get(id), ctx.Get(reason), ctx.CancellationToken), item => Decided(ctx.Console, item)));
        return new Command("review", "The review queue (admin or auditor key).") { list, show, approve, reject };
    }

    private static void Decided(IAnsiConsole console, ReviewItem item) =>
        console.Line($"{item.Kind} {item.Id}: {item.Status}{(item.DecisionNote is { } n ? $" ({n})" : "")}.");

    private static void Show(IAnsiConsole console, ReviewItem item)
    {
        console.Fields(("Id", item.Id), ("Kind", item.Kind), ("Tenant", item.TenantId), ("Status", item.Status), ("Submitted", item.SubmittedAt),
            ("Decided", item.DecidedAt), ("Decided by", item.DecidedBy), ("Note", item.DecisionNote),
            ("Documents", string.Join(", ", item.Documents.Select(d => $"{d.Field} ({d.Type}, {d.Size} bytes)"))));
        console.Write(new Panel(new Text(JsonSerializer.Serialize(item.Submission, Indented))).Header("Submission"));
    }
}
