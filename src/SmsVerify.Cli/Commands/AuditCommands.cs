using System.CommandLine;
using SmsVerify.Client;
using Spectre.Console;

namespace SmsVerify.Cli.Commands;

/// <summary><c>audit verify|export</c>, for an admin or auditor key: a broken chain exits 4; an export shows its progress.</summary>
internal static class AuditCommands
{
    public static Command Build(CliHost host)
    {
        var verify = new Command("verify", "Recompute the audit chain's hashes on the server; exits 4 if it breaks.").Runs(host, async ctx =>
        {
            var chain = await ctx.Operator.VerifyAuditAsync(ctx.CancellationToken);
            ctx.Write(chain, c => ctx.Console.Line(c.Valid
                ? $"The audit chain is intact: {c.Records} records{Pruned(c)}."
                : $"The audit chain breaks at record {c.BrokenAt}: {c.Reason} ({c.Records} records before it fit)."));
            return chain.Valid ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });

        var output = new Option<FileInfo>("--out") { Description = "The file to write, one JSON record a line (NDJSON).", Required = true };
        var target = new Option<string?>("--target") { Description = "Only records about this target, such as tenant:<id>." };
        var actor = new Option<string?>("--actor") { Description = "Only records by this actor, such as operator:alice." };
        var action = new Option<string?>("--action") { Description = "Only actions starting with this, such as risk." };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Only records at or after this time." };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Only records before this time." };
        var export = new Command("export", "Export audit records to a file as NDJSON, exactly as the server wrote them.") { output, target, actor, action, from, to }
            .Runs(host, async ctx =>
            {
                var path = ctx.Get(output).FullName;
                var query = new AuditQuery { Target = ctx.Get(target), Actor = ctx.Get(actor), Action = ctx.Get(action), From = ctx.Get(from), To = ctx.Get(to) };
                var records = await ExportAsync(ctx, path, query);
                return ctx.Write(new AuditExported(path, records), e => ctx.Console.Line($"Exported {e.Records} records to {e.Path}."));
            });
        return new Command("audit", "The audit trail (admin or auditor key; verify-export needs none).") { verify, export, VerifyExport(host) };
    }

    /// <summary><c>audit verify-export FILE...</c>: checks export files on this machine, without a server; exits 4 if they break.</summary>
    private static Command VerifyExport(CliHost host)
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Export files, oldest first (their names sort that way).", Arity = ArgumentArity.OneOrMore };
        var anchor = new Option<string?>("--anchor") { Description = "The anchorHash audit verify prints: the last record must have it." };
        return new Command("verify-export", "Recompute the hashes in audit export files and check they chain, across files in order.") { files, anchor }
            .Runs(host, async ctx =>
            {
                var given = ctx.Get(files);
                if (given.FirstOrDefault(f => !f.Exists) is { } missing)
                {
                    throw new UsageException($"{missing.FullName} does not exist.");
                }
                var result = await AuditExportCheck.VerifyAsync(given, ctx.Get(anchor), ctx.CancellationToken);
                ctx.Write(result, r => ctx.Console.Line(r.Valid
                    ? $"The export is intact: records {r.FirstSequence} to {r.LastSequence} ({r.Records} records); the last hash is {r.LastHash}."
                    : $"The export breaks at record {r.BrokenAt}: {r.Reason} ({r.Records} records before it fit)."));
                return result.Valid ? ExitCodes.Ok : ExitCodes.CheckFailed;
            });
    }

    private static string Pruned(AuditVerification chain) => chain.PrunedThrough is { } through
        ? $" from record {chain.VerifiedFrom}; records 1 to {through} were exported and pruned, the last with hash {chain.AnchorHash}"
        : "";

    /// <summary>Into a temporary file moved into place at the end, so a failed export leaves no half file under the name asked for.</summary>
    private static async Task<long> ExportAsync(CliContext ctx, string path, AuditQuery query)
    {
        var partial = path + ".partial";
        long records;
        try
        {
            await using var file = File.Create(partial);
            records = ctx.ShowsProgress
                ? await ctx.Console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                    .StartAsync(async progress =>
                    {
                        // The server streams without a count, so the bar runs indeterminate and the count is in its label.
                        var task = progress.AddTask("Exporting audit records").IsIndeterminate();
                        var written = await ctx.Operator.ExportAuditAsync(file, query,
                            new Reported(n => task.Description = $"Exported {n} records"), ctx.CancellationToken);
                        task.Description = $"Exported {written} records";
                        task.IsIndeterminate(false).Value = task.MaxValue;
                        return written;
                    })
                : await ctx.Operator.ExportAuditAsync(file, query, null, ctx.CancellationToken);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
        File.Move(partial, path, overwrite: true);
        return records;
    }
}

/// <summary>
/// Hears progress on the writing thread, in order. <see cref="Progress{T}"/> posts each report to the thread pool, so
/// a late one could overwrite the final count.
/// </summary>
internal sealed class Reported(Action<long> report) : IProgress<long>
{
    public void Report(long value) => report(value);
}

/// <summary>What <c>audit export --json</c> prints: where the file is and how many records it holds.</summary>
internal sealed record AuditExported(string Path, long Records);
